package io.fxhome.web.tokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.jdbc.Sql;
import io.fxhome.web.secret.AccountSecret;

/** The {@code api_token} table, on the account's shard: every statement is keyed by account id first. */
@ApplicationScoped
public class ApiTokenStore {
    private final ShardRouter shards;

    public ApiTokenStore(ShardRouter shards) {
        this.shards = shards;
    }

    /** Stores a new token's hash unless the account already has {@code max} tokens; empty if it has. */
    public Optional<UUID> insert(AccountSecret token, String name, int max, Instant now) {
        UUID id = UUID.randomUUID();
        try (Connection c = shards.dataSource(token.accountId()).getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        insert into api_token (account_id, id, name, secret_hash, created_at)
                        select ?, ?, ?, ?, ? where (select count(*) from api_token where account_id = ?) < ?""")) {
            ps.setObject(1, token.accountId());
            ps.setObject(2, id);
            ps.setString(3, name);
            ps.setBytes(4, token.hash());
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setObject(6, token.accountId());
            ps.setInt(7, max);
            return ps.executeUpdate() == 1 ? Optional.of(id) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store an API token of account " + token.accountId() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The account's tokens newest first, by keyset on (created_at, id) through {@code api_token_created_idx} (V24):
     * parameters account, [created before, id before,] limit.
     */
    public static final String PAGE = """
            select id, name, created_at, last_used_at from api_token
             where account_id = ? %s
             order by created_at desc, id desc limit ?""";
    public static final String AFTER = "and (created_at, id) < (?, ?)";

    /** A page of the account's tokens after {@code after}, newest first, at most {@code limit}. */
    public TokenPage page(UUID accountId, Optional<TokenCursor> after, int limit) {
        List<TokenView> tokens = new ArrayList<>();
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement(PAGE.formatted(after.isPresent() ? AFTER : ""))) {
            int i = 1;
            ps.setObject(i++, accountId);
            if (after.isPresent()) {
                ps.setTimestamp(i++, Timestamp.from(after.get().createdAt()));
                ps.setObject(i++, after.get().id());
            }
            ps.setInt(i, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokens.add(new TokenView(rs.getObject(1, UUID.class), rs.getString(2), Sql.instant(rs.getTimestamp(3)),
                            Sql.instant(rs.getTimestamp(4))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the API tokens of account " + accountId + ": " + e.getMessage(), e);
        }
        if (tokens.size() <= limit) {
            return new TokenPage(tokens, null);
        }
        List<TokenView> page = List.copyOf(tokens.subList(0, limit));
        TokenView last = page.get(limit - 1);
        return new TokenPage(page, new TokenCursor(last.createdAt(), last.id()).encode());
    }

    /** The id of the token with this secret, if it exists (not revoked) and its account is not being deleted. */
    public Optional<UUID> find(AccountSecret token) {
        try (Connection c = shards.dataSource(token.accountId()).getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select t.id from api_token t join account a on a.id = t.account_id
                         where t.account_id = ? and t.secret_hash = ? and a.status <> 'deleted'""")) {
            ps.setObject(1, token.accountId());
            ps.setBytes(2, token.hash());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read an API token of account " + token.accountId() + ": " + e.getMessage(),
                    e);
        }
    }

    public void touch(UUID accountId, UUID id, Instant now) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c
                        .prepareStatement("update api_token set last_used_at = ? where account_id = ? and id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, accountId);
            ps.setObject(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update an API token of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /** Revokes one of the account's tokens; false if it has no such token. */
    public boolean delete(UUID accountId, UUID id) {
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("delete from api_token where account_id = ? and id = ?")) {
            ps.setObject(1, accountId);
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete an API token of account " + accountId + ": " + e.getMessage(), e);
        }
    }
}
