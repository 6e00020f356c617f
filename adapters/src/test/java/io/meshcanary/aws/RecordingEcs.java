package io.meshcanary.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/**
 * An in-memory ECS client for shapes of the ECS API reference that the emulator does not store: DescribeServices
 * answers with one service, each CreateService request is recorded, and each UpdateService request is recorded and
 * its deployment configuration kept, as ECS keeps it.
 */
final class RecordingEcs implements EcsClient {

    final List<DescribeServicesRequest> described = new ArrayList<>();
    final List<CreateServiceRequest> created = new ArrayList<>();
    final List<UpdateServiceRequest> updated = new ArrayList<>();
    private Service service;

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
    public UpdateServiceResponse updateService(UpdateServiceRequest request) {
        updated.add(request);
        if (request.deploymentConfiguration() != null) {
            service = service.toBuilder().deploymentConfiguration(request.deploymentConfiguration()).build();
        }
        return UpdateServiceResponse.builder().service(service).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
