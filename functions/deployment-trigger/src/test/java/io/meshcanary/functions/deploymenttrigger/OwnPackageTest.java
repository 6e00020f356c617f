package io.meshcanary.functions.deploymenttrigger;

import io.meshcanary.aws.OwnPackage;
import org.junit.jupiter.api.Test;

/** This module's test classpath is the function's package: see {@link OwnPackage}. */
class OwnPackageTest {

    @Test
    void primesEveryPathItCanTakeWithOnlyTheServicesItShips() throws Exception {
        OwnPackage.primes(DeploymentTriggerHandler::new, "ecs", "dynamodb", "appmesh", "elasticloadbalancingv2",
                "vpclattice", "ec2", "servicediscovery", "cloudwatch", "lambda", "applicationautoscaling",
                "eventbridge");
    }
}
