package io.fxhome.secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.Shard;
import io.fxhome.shard.Shards;

/**
 * Checks at start that the configured master keys can unwrap every data key in the database (in every shard), so that
 * a wrong key stops the process at once instead of failing account by account later.
 */
@ApplicationScoped
public class MasterKeyVerifier {
    private final MasterKeyRing ring;
    private final Shards shards;

    public MasterKeyVerifier(MasterKeyRing ring, Shards shards) {
        this.ring = ring;
        this.shards = shards;
    }

    public void verify() {
        for (Shard shard : shards.all()) {
            List<Integer> unknown = storedVersions(shard).stream().filter(v -> ring.byVersion(v).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                throw new MasterKeyException(
                        "wrong master key: the database" + (shards.sharded() ? " of shard " + shard.name() : "")
                                + " holds secrets wrapped by master key version(s) " + unknown + " but this process was given "
                                + ring.versions()
                                + ". Use the key the data was written with (list old keys after the new one while rotating).");
            }
        }
    }

    private static List<Integer> storedVersions(Shard shard) {
        List<Integer> versions = new ArrayList<>();
        try (Connection c = shard.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select distinct master_key_version from account_secret");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the master key versions of shard " + shard.name() + ": " + e.getMessage(), e);
        }
        return versions;
    }
}
