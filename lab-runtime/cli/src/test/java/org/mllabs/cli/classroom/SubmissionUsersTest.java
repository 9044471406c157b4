package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which submission users a batch still hands out once some are retired, and what of its files were not deleted. */
class SubmissionUsersTest {

    private final SubmissionUsers.User first = new SubmissionUsers.User(SubmissionUsers.PREFIX + "1", 990, 990);
    private final SubmissionUsers.User second = new SubmissionUsers.User(SubmissionUsers.PREFIX + "2", 991, 991);

    @Test
    void aRetiredUserIsNeverHandedOutAgainAndWithNoneLeftTheBatchCannotGoOn() throws InterruptedException {
        SubmissionUsers users = new SubmissionUsers(List.of(first, second), List.of());

        SubmissionUsers.User taken = users.acquire();
        users.retire(taken);
        SubmissionUsers.User other = users.acquire();
        users.release(other);

        assertThat(other).isNotEqualTo(taken);
        assertThat(users.acquire()).isEqualTo(other);
        assertThat(users.usable()).isEqualTo(1);
        users.retire(other);
        assertThat(users.usable()).isZero();
        assertThatThrownBy(users::acquire).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still has processes that could not be killed")
                .hasMessageContaining(first.name()).hasMessageContaining(second.name());
    }

    @Test
    void aFileThatWentAwayWhileFindLookedIsNoFileLeftBehind() {
        assertThat(SubmissionUsers.notDeleted("/usr/bin/find: '/tmp/mllabs-model1': No such file or directory\n"))
                .isEmpty();
        assertThat(SubmissionUsers.notDeleted("/usr/bin/find: '/tmp/mllabs-model1': No such file or directory\n"
                + "/usr/bin/find: cannot delete '/tmp/kept': Directory not empty\n"))
                .contains("/usr/bin/find: cannot delete '/tmp/kept': Directory not empty");
    }
}
