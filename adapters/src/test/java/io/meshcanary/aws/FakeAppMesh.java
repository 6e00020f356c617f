package io.meshcanary.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.BadRequestException;
import software.amazon.awssdk.services.appmesh.model.ConflictException;
import software.amazon.awssdk.services.appmesh.model.CreateVirtualNodeRequest;
import software.amazon.awssdk.services.appmesh.model.CreateVirtualNodeResponse;
import software.amazon.awssdk.services.appmesh.model.DeleteVirtualNodeRequest;
import software.amazon.awssdk.services.appmesh.model.DeleteVirtualNodeResponse;
import software.amazon.awssdk.services.appmesh.model.DescribeRouteRequest;
import software.amazon.awssdk.services.appmesh.model.DescribeRouteResponse;
import software.amazon.awssdk.services.appmesh.model.DescribeVirtualNodeRequest;
import software.amazon.awssdk.services.appmesh.model.DescribeVirtualNodeResponse;
import software.amazon.awssdk.services.appmesh.model.ListRoutesRequest;
import software.amazon.awssdk.services.appmesh.model.ListRoutesResponse;
import software.amazon.awssdk.services.appmesh.model.ListVirtualNodesRequest;
import software.amazon.awssdk.services.appmesh.model.ListVirtualNodesResponse;
import software.amazon.awssdk.services.appmesh.model.ListVirtualRoutersRequest;
import software.amazon.awssdk.services.appmesh.model.ListVirtualRoutersResponse;
import software.amazon.awssdk.services.appmesh.model.NotFoundException;
import software.amazon.awssdk.services.appmesh.model.ResourceInUseException;
import software.amazon.awssdk.services.appmesh.model.RouteData;
import software.amazon.awssdk.services.appmesh.model.RouteRef;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.UpdateRouteRequest;
import software.amazon.awssdk.services.appmesh.model.UpdateRouteResponse;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeData;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeRef;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeSpec;
import software.amazon.awssdk.services.appmesh.model.VirtualRouterRef;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;

/**
 * App Mesh in memory, as its API reference documents the calls the router makes; App Mesh itself can no longer be
 * reached. One mesh's virtual routers, routes and virtual nodes: UpdateRoute replaces the route's whole spec,
 * rejects a weight outside 0–100 and answers with the route as stored; DeleteVirtualNode refuses a node a route
 * still targets. Every call is recorded by name.
 */
final class FakeAppMesh implements AppMeshClient {

    private static final int MAX_WEIGHT = 100;

    private final String mesh;
    private final Map<String, Map<String, RouteSpec>> routers = new LinkedHashMap<>();
    private final Map<String, VirtualNodeSpec> nodes = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();

    FakeAppMesh(String mesh) {
        this.mesh = mesh;
    }

    FakeAppMesh route(String virtualRouter, String route, RouteSpec spec) {
        routers.computeIfAbsent(virtualRouter, name -> new LinkedHashMap<>()).put(route, spec);
        return this;
    }

    FakeAppMesh virtualNode(String name, VirtualNodeSpec spec) {
        nodes.put(name, spec);
        return this;
    }

    RouteSpec route(String virtualRouter, String route) {
        return routers.get(virtualRouter).get(route);
    }

    List<String> virtualNodes() {
        return List.copyOf(nodes.keySet());
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public ListVirtualRoutersResponse listVirtualRouters(ListVirtualRoutersRequest request) {
        calls.add("ListVirtualRouters");
        requireMesh(request.meshName());
        return ListVirtualRoutersResponse.builder().virtualRouters(routers.keySet().stream()
                .map(name -> VirtualRouterRef.builder().meshName(mesh).virtualRouterName(name).build()).toList())
                .build();
    }

    @Override
    public ListRoutesResponse listRoutes(ListRoutesRequest request) {
        calls.add("ListRoutes");
        return ListRoutesResponse.builder().routes(routesOf(request.meshName(), request.virtualRouterName())
                .keySet().stream().map(name -> RouteRef.builder().meshName(mesh)
                        .virtualRouterName(request.virtualRouterName()).routeName(name).build()).toList())
                .build();
    }

    @Override
    public DescribeRouteResponse describeRoute(DescribeRouteRequest request) {
        calls.add("DescribeRoute");
        return DescribeRouteResponse.builder().route(data(request.virtualRouterName(), request.routeName(),
                stored(request.meshName(), request.virtualRouterName(), request.routeName()))).build();
    }

    @Override
    public UpdateRouteResponse updateRoute(UpdateRouteRequest request) {
        calls.add("UpdateRoute");
        stored(request.meshName(), request.virtualRouterName(), request.routeName());
        for (WeightedTarget target : targets(request.spec())) {
            if (target.weight() < 0 || target.weight() > MAX_WEIGHT) {
                throw BadRequestException.builder().message("weight must be between 0 and 100").build();
            }
            if (!nodes.containsKey(target.virtualNode())) {
                throw BadRequestException.builder().message("virtual node " + target.virtualNode()
                        + " does not exist").build();
            }
        }
        routesOf(request.meshName(), request.virtualRouterName()).put(request.routeName(), request.spec());
        return UpdateRouteResponse.builder().route(data(request.virtualRouterName(), request.routeName(),
                request.spec())).build();
    }

    @Override
    public DescribeVirtualNodeResponse describeVirtualNode(DescribeVirtualNodeRequest request) {
        calls.add("DescribeVirtualNode");
        requireMesh(request.meshName());
        VirtualNodeSpec spec = nodes.get(request.virtualNodeName());
        if (spec == null) {
            throw NotFoundException.builder().message("virtual node not found").build();
        }
        return DescribeVirtualNodeResponse.builder().virtualNode(VirtualNodeData.builder().meshName(mesh)
                .virtualNodeName(request.virtualNodeName()).spec(spec).build()).build();
    }

    @Override
    public ListVirtualNodesResponse listVirtualNodes(ListVirtualNodesRequest request) {
        calls.add("ListVirtualNodes");
        requireMesh(request.meshName());
        return ListVirtualNodesResponse.builder().virtualNodes(nodes.keySet().stream()
                .map(name -> VirtualNodeRef.builder().meshName(mesh).virtualNodeName(name).build()).toList())
                .build();
    }

    @Override
    public CreateVirtualNodeResponse createVirtualNode(CreateVirtualNodeRequest request) {
        calls.add("CreateVirtualNode");
        requireMesh(request.meshName());
        if (nodes.putIfAbsent(request.virtualNodeName(), request.spec()) != null) {
            throw ConflictException.builder().message("virtual node exists").build();
        }
        return CreateVirtualNodeResponse.builder().virtualNode(VirtualNodeData.builder().meshName(mesh)
                .virtualNodeName(request.virtualNodeName()).spec(request.spec()).build()).build();
    }

    @Override
    public DeleteVirtualNodeResponse deleteVirtualNode(DeleteVirtualNodeRequest request) {
        calls.add("DeleteVirtualNode");
        requireMesh(request.meshName());
        boolean targeted = routers.values().stream().flatMap(routes -> routes.values().stream())
                .flatMap(spec -> targets(spec).stream())
                .anyMatch(target -> target.virtualNode().equals(request.virtualNodeName()));
        if (targeted) {
            throw ResourceInUseException.builder().message("virtual node is targeted by a route").build();
        }
        if (nodes.remove(request.virtualNodeName()) == null) {
            throw NotFoundException.builder().message("virtual node not found").build();
        }
        return DeleteVirtualNodeResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    private static List<WeightedTarget> targets(RouteSpec spec) {
        if (spec.httpRoute() != null) {
            return spec.httpRoute().action().weightedTargets();
        }
        if (spec.http2Route() != null) {
            return spec.http2Route().action().weightedTargets();
        }
        if (spec.grpcRoute() != null) {
            return spec.grpcRoute().action().weightedTargets();
        }
        return spec.tcpRoute().action().weightedTargets();
    }

    private RouteData data(String virtualRouter, String route, RouteSpec spec) {
        return RouteData.builder().meshName(mesh).virtualRouterName(virtualRouter).routeName(route).spec(spec).build();
    }

    private RouteSpec stored(String meshName, String virtualRouter, String route) {
        RouteSpec spec = routesOf(meshName, virtualRouter).get(route);
        if (spec == null) {
            throw NotFoundException.builder().message("route not found").build();
        }
        return spec;
    }

    private Map<String, RouteSpec> routesOf(String meshName, String virtualRouter) {
        requireMesh(meshName);
        Map<String, RouteSpec> routes = routers.get(virtualRouter);
        if (routes == null) {
            throw NotFoundException.builder().message("virtual router not found").build();
        }
        return routes;
    }

    private void requireMesh(String meshName) {
        if (!mesh.equals(meshName)) {
            throw NotFoundException.builder().message("mesh " + meshName + " not found").build();
        }
    }
}
