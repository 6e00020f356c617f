package io.meshcanary.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.rollout.Rollout;
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
 */
public final class DynamoRolloutStore implements RolloutStore {

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
        return scan(request -> { });
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
    }

    private static Map<String, AttributeValue> item(Rollout rollout) {
        try {
            return Map.of(
                    "service", AttributeValue.fromS(rollout.service()),
                    "phase", AttributeValue.fromS(rollout.phase().name()),
                    "active", AttributeValue.fromBool(rollout.active()),
                    "execution", AttributeValue.fromS(rollout.execution()),
                    "canaryWeight", number(rollout.weights().canary()),
                    "version", number(rollout.version()),
                    "record", AttributeValue.fromS(JSON.writeValueAsString(rollout)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialize rollout record of " + rollout.service(), e);
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
