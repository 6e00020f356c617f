package io.meshcanary.nativemode;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.model.Track;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevisionTargetGroupsTest {

    private static final String ELB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:";

    @Test
    void behindAnAlbTheCanaryIsTheAlternateGroupAndThePrimaryTheProductionOneOnTheRulesLoadBalancer() {
        RevisionTargetGroups groups = new RevisionTargetGroups(false, ELB + "targetgroup/orders/73e2",
                ELB + "targetgroup/orders-green/9f01", Optional.of(ELB + "listener-rule/app/shop/50dc/f2f7/9683"));

        assertThat(groups.placeholders(Track.CANARY)).isEqualTo(Map.of("targetGroup", "targetgroup/orders-green/9f01",
                "loadBalancer", "app/shop/50dc"));
        assertThat(groups.placeholders(Track.PRIMARY)).isEqualTo(Map.of("targetGroup", "targetgroup/orders/73e2",
                "loadBalancer", "app/shop/50dc"));
    }

    @Test
    void behindAnNlbTheLoadBalancerComesFromTheProductionListener() {
        RevisionTargetGroups groups = new RevisionTargetGroups(false, ELB + "targetgroup/orders/73e2",
                ELB + "targetgroup/orders-green/9f01", Optional.of(ELB + "listener/net/shop/7c1d/aa02"));

        assertThat(groups.placeholders(Track.CANARY)).containsEntry("loadBalancer", "net/shop/7c1d");
    }

    @Test
    void inVpcLatticeEachTrackIsItsTargetGroupsIdAndThereIsNoLoadBalancer() {
        RevisionTargetGroups groups = new RevisionTargetGroups(true,
                "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-0blue", "tg-0green", Optional.empty());

        assertThat(groups.placeholders(Track.CANARY)).isEqualTo(Map.of("targetGroup", "tg-0green"));
        assertThat(groups.placeholders(Track.PRIMARY)).isEqualTo(Map.of("targetGroup", "tg-0blue"));
    }
}
