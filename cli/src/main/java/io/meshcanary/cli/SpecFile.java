package io.meshcanary.cli;

import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A canary spec file, checked offline by the product's own validation ({@link CanarySpec#parse}): the schema, then
 * the rules between fields.
 *
 * @param source the document as read
 * @param problem the first error, naming its field, or null when the spec is valid
 * @param note what a valid spec asks of the service that only onboarding can check, naming its field; null if nothing
 */
record SpecFile(Path file, String source, InvalidSpecException problem, String note) {

    /**
     * Why a native check of {@code {{targetGroup}}} or {@code {{loadBalancer}}} needs a service behind a load
     * balancer or in VPC Lattice, which a spec alone cannot show.
     */
    private static final String PER_REVISION = "which ECS's deployment supplies per revision only behind a load"
            + " balancer or in VPC Lattice: on Service Connect CloudWatch's metrics are per service, not per revision,"
            + " and onboard refuses the spec; check the app's own metric with a revision dimension there instead"
            + " (docs/modes.md#metrics-per-revision)";

    static SpecFile read(Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw CliException.badInput("cannot read the spec file %s (%s)".formatted(file, e.getMessage()));
        }
        CanarySpec spec;
        try {
            spec = CanarySpec.parse(source);
        } catch (InvalidSpecException e) {
            return new SpecFile(file, source, e, null);
        }
        try {
            spec.requireNoRevisionPlaceholders(PER_REVISION);
            return new SpecFile(file, source, null, null);
        } catch (InvalidSpecException e) {
            return new SpecFile(file, source, null, e.getMessage());
        }
    }

    boolean valid() {
        return problem == null;
    }

    /** {@code orders.json: steps.weights[2]: must be greater than the weight before it (50), was 20}. */
    String error() {
        return file + ": " + problem.getMessage();
    }
}
