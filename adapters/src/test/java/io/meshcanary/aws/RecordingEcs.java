package io.meshcanary.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * An in-memory ECS client for shapes of the ECS API reference that the emulator does not store: DescribeServices
 * answers with one service, and each CreateService request is recorded.
 */
final class RecordingEcs implements EcsClient {

    final List<DescribeServicesRequest> described = new ArrayList<>();
    final List<CreateServiceRequest> created = new ArrayList<>();
    private final Service service;

    RecordingEcs(Service service) {
        this.service = service;
    }

    @Override
    public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
        described.add(request);
        return DescribeServicesResponse.builder().services(service).build();
    }

    @Override
    public CreateServiceResponse createService(CreateServiceRequest request) {
        created.add(request);
        return CreateServiceResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
