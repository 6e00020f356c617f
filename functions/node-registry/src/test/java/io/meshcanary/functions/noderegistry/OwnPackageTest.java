package io.meshcanary.functions.noderegistry;

import io.meshcanary.aws.OwnPackage;
import org.junit.jupiter.api.Test;

/** This module's test classpath is the function's package: see {@link OwnPackage}. */
class OwnPackageTest {

    @Test
    void primesEveryPathItCanTakeWithOnlyTheServicesItShips() throws Exception {
        OwnPackage.primes(NodeRegistryHandler::new, "ec2", "cloudwatch", "lambda", "applicationautoscaling");
    }
}
