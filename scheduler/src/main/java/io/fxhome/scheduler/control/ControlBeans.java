package io.fxhome.scheduler.control;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.fxhome.shard.ShardRouter;

/** The plain-Java control store (pause flag, tick record) as a CDI bean, on the main database and the shards. */
@ApplicationScoped
public class ControlBeans {

    @Produces
    @Singleton
    SchedulerControlStore controlStore(DataSource dataSource, ShardRouter shards) {
        return new SchedulerControlStore(dataSource, shards::dataSource);
    }
}
