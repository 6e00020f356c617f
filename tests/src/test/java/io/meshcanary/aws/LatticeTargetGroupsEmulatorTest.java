package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;
import software.amazon.awssdk.services.vpclattice.model.GetTargetGroupResponse;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupConfig;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupProtocol;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupSummary;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupType;

/**
 * The Lattice target group calls (GetTargetGroup, ListTargetGroups, CreateTargetGroup), as the adapter's bootstrap
 * makes them; {@link LatticeRouterEmulatorTest} covers the rule side.
 */
class LatticeTargetGroupsEmulatorTest {

    private final VpcLatticeClient lattice = VpcLatticeClient.builder()
            .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    private final LatticeTargetGroups groups = new LatticeTargetGroups(lattice);
    private final String name = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    private final TargetGroupConfig config = TargetGroupConfig.builder().port(8080)
            .protocol(TargetGroupProtocol.HTTP).vpcIdentifier("vpc-" + name)
            .healthCheck(health -> health.path("/health").healthCheckIntervalSeconds(10)).build();
    private final String canary = lattice.createTargetGroup(request -> request.name(name).type(TargetGroupType.IP)
            .config(config)).arn();

    @Test
    void primaryGroupIsCreatedOnceFromTheCanarysSettings() {
        assertThat(groups.primary(canary)).isEmpty();

        TargetGroupSummary created = groups.ensurePrimary(canary);
        TargetGroupSummary again = groups.ensurePrimary(canary);

        assertThat(again.id()).isEqualTo(created.id());
        assertThat(groups.primary(canary)).map(TargetGroupSummary::arn).contains(created.arn());
        GetTargetGroupResponse primary = lattice.getTargetGroup(request -> request.targetGroupIdentifier(
                created.id()));
        assertThat(primary.name()).isEqualTo(name + "-primary");
        assertThat(primary.type()).isEqualTo(TargetGroupType.IP);
        assertThat(primary.config()).isEqualTo(config);
    }
}
