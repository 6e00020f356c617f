package io.meshcanary.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Objects;

/**
 * The canary spec of one onboarded service, as stored next to it (an SSM parameter) or passed inline to a manual
 * execution. Its JSON form is described by {@code schema/canary-spec.schema.json}; {@code docs/canary-spec.md} is the
 * reference.
 *
 * <p>Ranges that are policy (at most 100 canary tasks, a day's interval) live in the schema only. The records'
 * constructors keep the rules that the rollout's decisions rely on, and name the offending field relative to
 * themselves; {@link #parse} names it from the document root.
 *
 * @param steps the canary weights in percent, strictly ascending; {@code stepWeight}/{@code maxWeight} are expanded
 * @param intervalSeconds the wait after each weight step before the analysis
 */
public record CanarySpec(RouterSpec router, CanaryCapacity canary, List<Integer> steps, int intervalSeconds,
        Analysis analysis, Gates gates, Timeouts timeouts) {

    public static final int DEFAULT_INTERVAL_SECONDS = 60;

    /** The smallest valid spec: enough to load, compile and run every part of the parser once. */
    private static final String PRIMER = """
            {"router": {"type": "appmesh", "mesh": "m", "virtualRouter": "r", "route": "r",
                        "cloudMap": {"namespace": "n", "service": "s"}, "virtualNode": {"port": 80}},
             "steps": {"weights": [50]}}""";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public CanarySpec {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(canary, "canary");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(timeouts, "timeouts");
        steps = Steps.requireAscending("steps", steps);
        if (intervalSeconds < 1) {
            throw new InvalidSpecException("intervalSeconds", "must be at least 1, was " + intervalSeconds);
        }
        Placeholders.requireSupplied(analysis.metrics(), router);
        analysis.judge().ifPresent(judge -> Placeholders.requireSupplied("analysis.judge.metrics",
                judge.metrics().stream().map(JudgeMetric::queries).toList(), router));
        analysis.judge().filter(judge -> judge.baseline() == Judge.Baseline.EQUAL)
                .ifPresent(judge -> requireRoomForBaseline(router));
    }

    /**
     * An equal baseline is a third service that needs a target of its own on the route: a target group beside the
     * two tracks' on an ALB or VPC Lattice rule. Refused rather than read as the primary, since a judge must compare
     * what the spec says it compares.
     */
    private static void requireRoomForBaseline(RouterSpec router) {
        if (router.mode() == Mode.NATIVE) {
            throw new InvalidSpecException("analysis.judge.baseline", "\"equal\" runs a baseline service beside the"
                    + " twin; a native rollout compares its green revision with its blue one: use \"primary\"");
        }
        if (!router.type().equals(AlbRouter.TYPE) && !router.type().equals(LatticeRouter.TYPE)) {
            throw new InvalidSpecException("analysis.judge.baseline", ("\"equal\" needs a target group of its own for"
                    + " the baseline service, which meshcanary adds to an %s or %s rule, not to the %s router's"
                    + " route; use \"primary\"").formatted(AlbRouter.TYPE, LatticeRouter.TYPE, router.type()));
        }
    }

    /**
     * Parses and validates a spec document: first against the schema, then the rules between fields that a schema
     * cannot express.
     *
     * @throws InvalidSpecException naming the first field that is missing or wrong, as a dotted path such as
     *         {@code steps.weights[1]}, or {@code $} for the document as a whole
     */
    public static CanarySpec parse(String json) {
        JsonNode root = read(json);
        SpecSchema.validate(root);
        return readValidated(root);
    }

    /**
     * Reads a spec document that {@link #parse} accepted before, such as the one Initialize hands every later step
     * of the workflow. The schema is not applied again: a rollout keeps the spec it was validated with even when a
     * stack update tightens the schema while it runs, and a step does not pay for the validation.
     */
    public static CanarySpec readValidated(JsonNode root) {
        boolean twin = Mode.of(root) == Mode.TWIN;
        return new CanarySpec(
                twin ? Paths.within("router", () -> RouterSpec.read(root.path("router"))) : new EcsDeployment(),
                Paths.within("canary", () -> CanaryCapacity.read(root.path("canary"))),
                Steps.read(root.path("steps")),
                root.path("intervalSeconds").asInt(DEFAULT_INTERVAL_SECONDS),
                Paths.within("analysis", () -> Analysis.read(root.path("analysis"))),
                Paths.within("gates", () -> Gates.read(root.path("gates"))),
                Paths.within("timeouts", () -> Timeouts.read(root.path("timeouts"))));
    }

    /** Who moves the traffic: the router the spec names (twin), or ECS's own deployment (native). */
    public Mode mode() {
        return router.mode();
    }

    /**
     * Refuses a native spec whose checks tell the two revisions apart by what its service has none of, such as a
     * revision's target group for a service that Service Connect alone reaches.
     *
     * @param why why the service cannot supply them, in words
     * @throws InvalidSpecException naming the first check that uses one
     */
    public void requireNoRevisionPlaceholders(String why) {
        Placeholders.requireNoRevisionPlaceholders(analysis, router, why);
    }

    /**
     * Refuses a spec whose gates would read a secret the stack does not let the rollout-steps function read; the
     * prefix is the stack's, so the schema cannot hold it.
     *
     * @param prefix the SSM path of the stack's {@code GateSecretPrefix}
     * @throws InvalidSpecException naming the first gate header whose secret lies outside it, such as
     *         {@code gates.preStep.headers.Authorization.ssmParameter}
     */
    public void requireGateSecretsUnder(String prefix) {
        Paths.check("gates", () -> gates.requireSecretsUnder(prefix));
    }

    /** {@link #readValidated(JsonNode)} of a document kept as text, such as the rollout record's. */
    public static CanarySpec readValidated(String json) {
        return readValidated(read(json));
    }

    /**
     * A copy of a spec document that may be logged, returned to Step Functions or published: each webhook URL without
     * its user info and query, which often carry a token. It still reads (its URLs are valid), but a gate must be
     * asked from the document itself, which the rollout record keeps.
     */
    public static JsonNode redacted(JsonNode document) {
        JsonNode copy = document.deepCopy();
        Gates.redact(copy.path("gates"));
        return copy;
    }

    /**
     * Loads and compiles the schema (about 0.1 s on a cold JVM) and parses one spec, so that the first rollout step
     * does not pay for it: call it from a SnapStart {@code beforeCheckpoint} or a handler's no-arg constructor.
     */
    public static void prime() {
        parse(PRIMER);
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidSpecException(Paths.DOCUMENT, "is empty");
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(Paths.DOCUMENT, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
