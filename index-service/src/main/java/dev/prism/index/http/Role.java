package dev.prism.index.http;

import io.javalin.security.RouteRole;

/** Who may call an endpoint: anyone (health), a read key (search), an admin key (stats, metrics, commit). */
public enum Role implements RouteRole {
    PUBLIC,
    READ,
    ADMIN
}
