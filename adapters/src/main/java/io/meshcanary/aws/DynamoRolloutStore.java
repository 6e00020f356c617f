package io.meshcanary.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Rollout records in DynamoDB, keyed by {@code service}. The phase, execution and version sit in top-level
 * attributes for the console and the conditions; the whole record is kept as a JSON document beside them.
 *
 * <p>The summaries of a service's ended rollouts share one item of the same table, keyed {@code <service>#ended},
 * one attribute per execution: one GetItem lists them, writing one again is idempotent, and the table's key schema
 * (whose change would replace the table on a stack update) stays as it is. An ECS service name cannot contain
 * {@code #}, so the key meets no service's.
 */
public final class DynamoRolloutStore implements RolloutStore {

    private static final String ENDED = "#ended";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRolloutStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Rollout> find(String service) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                .key(Map.of("service", AttributeValue.fromS(service)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(service, item));
    }

    private Rollout read(String service, Map<String, AttributeValue> item) {
        try {
            return JSON.readValue(item.get("record").s(), Rollout.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rollout record of %s in table %s is unreadable".formatted(service, table),
                    e);
        }
    }

    @Override
    public List<Rollout> active() {
        // One item per onboarded service: a filtered Scan reads them all in a page or two.
        return scan(request -> request.filterExpression("active = :true")
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
    }

    @Override
    public List<Rollout> all() {
        // "record" is a DynamoDB reserved word; the items of ended rollouts' summaries have no record.
        return scan(request -> request.filterExpression("attribute_exists(#record)")
                .expressionAttributeNames(Map.of("#record", "record")));
    }

    private List<Rollout> scan(Consumer<ScanRequest.Builder> filter) {
        return dynamo.scanPaginator(request -> filter.accept(request.tableName(table).consistentRead(true)))
                .items().stream()
                .map(item -> read(item.get("service").s(), item))
                .toList();
    }

    @Override
    public void save(Rollout rollout) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item(rollout));
        if (rollout.version() == 1) {
            // A new rollout may replace only an ended one.
            put.conditionExpression("attribute_not_exists(service) OR active = :false")
                    .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false)));
        } else {
            put.conditionExpression("version = :previous")
                    .expressionAttributeValues(Map.of(":previous", number(rollout.version() - 1)));
        }
        try {
            dynamo.putItem(put.build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(rollout.service(), rollout.version());
        }
        if (!rollout.active()) {
            keepSummary(rollout);
        }
    }

    /**
     * After the record, so that only a write that won leaves a summary. A failure here leaves the record ended and the
     * summary missing from history, never the other way round. The summaries beyond {@link #KEPT_SUMMARIES}, oldest
     * first, go in the same write.
     */
    private void keepSummary(Rollout rollout) {
        List<String> dropped = ended(rollout.service()).stream()
                .filter(summary -> !summary.execution().equals(rollout.execution()))
                .skip(KEPT_SUMMARIES - 1).map(RolloutSummary::execution).toList();
        Map<String, String> names = new HashMap<>(Map.of("#rollout", rollout.execution()));
        StringBuilder update = new StringBuilder("SET #rollout = :summary");
        for (int i = 0; i < dropped.size(); i++) {
            names.put("#dropped" + i, dropped.get(i));
            update.append(i == 0 ? " REMOVE " : ", ").append("#dropped").append(i);
        }
        dynamo.updateItem(request -> request.tableName(table)
                .key(Map.of("service", AttributeValue.fromS(rollout.service() + ENDED)))
                .updateExpression(update.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":summary", AttributeValue.fromS(
                        write(RolloutSummary.of(rollout), rollout.service())))));
    }

    @Override
    public List<RolloutSummary> ended(String service) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                .key(Map.of("service", AttributeValue.fromS(service + ENDED)))).item();
        if (item == null) {
            return List.of();
        }
        return item.entrySet().stream().filter(attribute -> !attribute.getKey().equals("service"))
                .map(attribute -> readSummary(service, attribute.getValue().s()))
                .sorted(RolloutSummary.NEWEST_FIRST).toList();
    }

    private RolloutSummary readSummary(String service, String json) {
        try {
            return JSON.readValue(json, RolloutSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rollout summary of %s in table %s is unreadable".formatted(service,
                    table), e);
        }
    }

    private static String write(Object value, String service) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialize rollout record of " + service, e);
        }
    }

    private static Map<String, AttributeValue> item(Rollout rollout) {
        return Map.of(
                "service", AttributeValue.fromS(rollout.service()),
                "phase", AttributeValue.fromS(rollout.phase().name()),
                "active", AttributeValue.fromBool(rollout.active()),
                "execution", AttributeValue.fromS(rollout.execution()),
                "canaryWeight", number(rollout.weights().canary()),
                "version", number(rollout.version()),
                "record", AttributeValue.fromS(write(rollout, rollout.service())));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
