package org.mllabs.runtime.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The users and permissions of an MLflow server that runs with authentication ({@code mlflow server --app-name
 * basic-auth}), over its REST API. Creating users and granting permissions needs an admin's credentials; asking who
 * one is works for every user.
 */
public final class MlflowUsers {

    /** The resource type of experiments in MLflow's permission API. */
    private static final String EXPERIMENT = "experiment";

    private final MlflowRestClient rest;

    /** @param rest the server's REST client, with the credentials of the user who asks */
    public MlflowUsers(MlflowRestClient rest) {
        this.rest = rest;
    }

    /**
     * A user as the server knows it.
     *
     * @param username the user name
     * @param admin whether the user is an admin, who may read and change everything
     */
    public record User(String username, boolean admin) {
    }

    /** MLflow's permissions on an experiment, weakest first. */
    public enum Permission {
        /** Nothing: the experiment and its runs are hidden. */
        NO_PERMISSIONS,
        /** Read the experiment, its runs and their artifacts. */
        READ,
        /** Read, and use. */
        USE,
        /** Read and write runs, metrics, tags and artifacts. */
        EDIT,
        /** Everything, deleting and granting permissions included. */
        MANAGE;

        /** Whether runs can be created, changed or deleted with this permission. */
        public boolean canWrite() {
            return compareTo(EDIT) >= 0;
        }
    }

    /** The user the client's credentials belong to: {@code GET users/current}. */
    public User current() {
        return user(rest.get("users/current", Map.of()).path("user"));
    }

    /** Every user of the server, admins included: {@code GET users/list}, for admins. */
    public List<User> list() {
        List<User> users = new ArrayList<>();
        for (JsonNode user : rest.get("users/list", Map.of()).path("users")) {
            users.add(user(user));
        }
        return users;
    }

    /** Whether a user of that name exists. */
    public boolean exists(String username) {
        try {
            rest.get("users/get", Map.of("username", username));
            return true;
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** Creates a user who is not an admin: {@code POST users/create}. */
    public void create(String username, String password) {
        rest.post("users/create", Map.of("username", username, "password", password));
    }

    /** Gives an existing user a new password: {@code PATCH users/update-password}. */
    public void updatePassword(String username, String password) {
        rest.patch("users/update-password", Map.of("username", username, "password", password));
    }

    /** Grants a user a permission on one experiment: {@code POST /api/3.0/mlflow/users/permissions/grant}. */
    public void grantOnExperiment(String username, String experimentId, Permission permission) {
        rest.postV3("users/permissions/grant", Map.of("username", username, "resource_type", EXPERIMENT,
                "resource_id", experimentId, "permission", permission.name()));
    }

    /**
     * The permission a user effectively holds on one experiment, as the server resolves it for a real request:
     * {@code GET /api/3.0/mlflow/users/permissions/get}. An experiment that does not exist gives
     * {@link Permission#NO_PERMISSIONS}.
     */
    public Permission permissionOnExperiment(String username, String experimentId) {
        JsonNode answer = rest.getV3("users/permissions/get", Map.of("username", username, "resource_type",
                EXPERIMENT, "resource_id", experimentId));
        return Permission.valueOf(answer.path("permission").asText(Permission.NO_PERMISSIONS.name()));
    }

    private static User user(JsonNode node) {
        return new User(node.path("username").asText(), node.path("is_admin").asBoolean(false));
    }
}
