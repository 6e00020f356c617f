package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.cli.Run;
import io.meshcanary.local.demo.DemoShop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import software.amazon.awssdk.services.ecs.model.SettingName;

/**
 * Services made while the account opts out of ECS's long ARN format (serviceLongArnFormat) are named
 * {@code service/<name>}. The setting is the account's: a service another test created meanwhile would be named so too
 * (and its deployment events would match no rule), so these tests run on their own, after the others.
 */
@Isolated("turns the account's serviceLongArnFormat off, which names every service created meanwhile")
class ServiceArnFormatEmulatorTest {

    @TempDir
    Path folder;

    @AfterEach
    void longArnsAgain() {
        longArns("enabled");
    }

    /**
     * The format is fixed when a service is created (ECS API reference, PutAccountSetting: a resource's ARN format is
     * the opt-in status of whoever created it). The emulator once renamed every service when the setting changed, and
     * the ECS simulator, which knows a service's tasks by its ARN, ran a second set of tasks for each.
     */
    @Test
    void aServiceKeepsTheArnFormatItWasCreatedWith() {
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));
        String v1 = shop.registerRevision("orders:1");
        shop.createService(v1);
        String longArn = shop.service(shop.app).orElseThrow().serviceArn();

        longArns("disabled");
        String before = shop.service(shop.app).orElseThrow().serviceArn();
        shop.createService(v1, request -> request.serviceName(shop.app + "-short"));
        longArns("enabled");

        assertThat(longArn).endsWith(":service/" + shop.cluster + "/" + shop.app);
        assertThat(before).as("the same service, read with the setting off").isEqualTo(longArn);
        assertThat(shop.service(shop.app + "-short").orElseThrow().serviceArn())
                .as("created with the setting off, read with it on").endsWith(":service/" + shop.app + "-short");
        AWS.ecs.deleteService(request -> request.cluster(shop.cluster).service(shop.app).force(true));
        AWS.ecs.deleteService(request -> request.cluster(shop.cluster).service(shop.app + "-short").force(true));
    }

    /**
     * A service with a short ARN: its deployment events name no cluster, so the stack's rule never matches them, and
     * an onboarded spec would silently never roll out. onboard refuses such a service by name and stores nothing.
     */
    @Test
    void onboardRefusesAServiceWithAShortArnByNameAndStoresNothing() throws Exception {
        CanaryApp app = new CanaryApp();
        Path spec = Files.writeString(folder.resolve("orders.canary.json"), app.spec().toString());
        String taskDefinition = app.registerRevision("orders:1");
        longArns("disabled");
        app.createService(taskDefinition);
        longArns("enabled");
        String arn = app.service(app.app).orElseThrow().serviceArn();

        Run refused = Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec", spec.toString());

        assertThat(arn).endsWith(":service/" + app.app);
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains(arn).contains("short ARN").contains("nothing was stored");
        assertThat(app.storedSpec()).isNull();
    }

    private static void longArns(String value) {
        AWS.ecs.putAccountSetting(request -> request.name(SettingName.SERVICE_LONG_ARN_FORMAT).value(value));
    }
}
