"""What grpc_health_probe and grpcurl do, with python-grpcio: the standard grpc.health.v1 and server
reflection services of a Frames server. Prints one JSON line. Usage:
  probe.py HOST:PORT health [SERVICE]           -> {"code", "details", "status"}
  probe.py HOST:PORT list [v1|v1alpha]          -> {"code", "details", "services"}
  probe.py HOST:PORT describe SYMBOL [v1|...]   -> {"code", "details", "file", "services": {name: [methods]}}
Options: --token TOKEN sends authorization: Bearer TOKEN.
The messages are built from descriptors in code, like echo_proto.py: Debian ships neither grpcio-health-checking
nor grpcio-reflection. Field numbers follow grpc/health/v1/health.proto and grpc/reflection/v1/reflection.proto.
"""
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

_F = descriptor_pb2.FieldDescriptorProto
_STATUSES = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}


def _message(file, name, fields):
    message = file.message_type.add(name=name)
    for field in fields:
        field_name, number, field_type = field[:3]
        entry = message.field.add(name=field_name, number=number, type=field_type,
                                  label=_F.LABEL_REPEATED if "repeated" in field[3:] else _F.LABEL_OPTIONAL)
        if field_type == _F.TYPE_MESSAGE:
            entry.type_name = field[3]
    return message


def _classes(package):
    file = descriptor_pb2.FileDescriptorProto(name=f"{package}.probe.proto", package=package, syntax="proto3")
    _message(file, "HealthCheckRequest", [("service", 1, _F.TYPE_STRING)])
    _message(file, "HealthCheckResponse", [("status", 1, _F.TYPE_INT32)])
    _message(file, "ServerReflectionRequest", [("host", 1, _F.TYPE_STRING), ("file_containing_symbol", 4, _F.TYPE_STRING),
                                               ("list_services", 7, _F.TYPE_STRING)])
    _message(file, "FileDescriptorResponse", [("file_descriptor_proto", 1, _F.TYPE_BYTES, "repeated")])
    _message(file, "ServiceResponse", [("name", 1, _F.TYPE_STRING)])
    _message(file, "ListServiceResponse", [("service", 1, _F.TYPE_MESSAGE, f".{package}.ServiceResponse", "repeated")])
    _message(file, "ErrorResponse", [("error_code", 1, _F.TYPE_INT32), ("error_message", 2, _F.TYPE_STRING)])
    _message(file, "ServerReflectionResponse", [
        ("valid_host", 1, _F.TYPE_STRING),
        ("file_descriptor_response", 4, _F.TYPE_MESSAGE, f".{package}.FileDescriptorResponse"),
        ("list_services_response", 6, _F.TYPE_MESSAGE, f".{package}.ListServiceResponse"),
        ("error_response", 7, _F.TYPE_MESSAGE, f".{package}.ErrorResponse")])
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    make = getattr(message_factory, "GetMessageClass", None) or message_factory.MessageFactory(pool).GetPrototype
    return {m.name: make(pool.FindMessageTypeByName(f"{package}.{m.name}")) for m in file.message_type}


M = _classes("frames.probe")
REFLECTION = {"v1": "grpc.reflection.v1.ServerReflection", "v1alpha": "grpc.reflection.v1alpha.ServerReflection"}


def result(error=None, **extra):
    if error is None:
        return {"code": 0, "details": "", **extra}
    return {"code": error.code().value[0], "details": error.details(), **extra}


def reflect(channel, metadata, version, request):
    call = channel.stream_stream(f"/{REFLECTION[version]}/ServerReflectionInfo",
                                 request_serializer=M["ServerReflectionRequest"].SerializeToString,
                                 response_deserializer=M["ServerReflectionResponse"].FromString)
    return next(iter(call(iter([request]), metadata=metadata, timeout=60)))


def main():
    args = sys.argv[1:]
    metadata = ()
    if "--token" in args:
        at = args.index("--token")
        metadata = (("authorization", f"Bearer {args[at + 1]}"),)
        del args[at:at + 2]
    address, command, rest = args[0], args[1], args[2:]
    with grpc.insecure_channel(address) as channel:
        grpc.channel_ready_future(channel).result(timeout=60)
        try:
            if command == "health":
                check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                            request_serializer=M["HealthCheckRequest"].SerializeToString,
                                            response_deserializer=M["HealthCheckResponse"].FromString)
                reply = check(M["HealthCheckRequest"](service=rest[0] if rest else ""), metadata=metadata, timeout=60)
                out = result(status=_STATUSES.get(reply.status, str(reply.status)))
            elif command == "list":
                reply = reflect(channel, metadata, rest[0] if rest else "v1", M["ServerReflectionRequest"](list_services="*"))
                out = result(services=sorted(s.name for s in reply.list_services_response.service))
            elif command == "describe":
                reply = reflect(channel, metadata, rest[1] if len(rest) > 1 else "v1",
                                M["ServerReflectionRequest"](file_containing_symbol=rest[0]))
                if reply.HasField("error_response"):
                    out = {"code": 0, "details": "", "error": reply.error_response.error_code, "message": reply.error_response.error_message}
                else:
                    files = [descriptor_pb2.FileDescriptorProto.FromString(b) for b in reply.file_descriptor_response.file_descriptor_proto]
                    first = files[0]
                    out = result(file=first.name, services={f"{first.package}.{s.name}": [m.name for m in s.method] for s in first.service})
            else:
                raise SystemExit(f"unknown command {command}")
        except grpc.RpcError as e:
            out = result(e)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
