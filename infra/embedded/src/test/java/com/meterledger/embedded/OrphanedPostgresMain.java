package com.meterledger.embedded;

import java.nio.file.Path;

/**
 * A stand-in for the application in {@link OrphanedPostgresTest}'s child JVM: starts the embedded PostgreSQL in the
 * folder it is given, prints its postmaster's pid and waits to be killed.
 */
public final class OrphanedPostgresMain {
    private OrphanedPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0, false);
        System.out.println("POSTMASTER " + server.postmasterPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
