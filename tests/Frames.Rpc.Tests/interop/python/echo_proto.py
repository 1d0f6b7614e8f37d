"""The test proto's messages (Protos/test.proto, package frames.test.v1) for the Python gRPC peer.

Built from a descriptor in code: Debian ships no grpc code generator recent enough, and the peers call
the methods generically by path anyway. Keep the fields in step with Protos/test.proto.
"""
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

_F = descriptor_pb2.FieldDescriptorProto
_FIELDS = {
    "EchoRequest": [("payload", 1, _F.TYPE_BYTES), ("count", 2, _F.TYPE_INT32), ("reply_size", 3, _F.TYPE_INT32),
                    ("delay_ms", 4, _F.TYPE_INT32), ("fail_code", 5, _F.TYPE_INT32), ("fail_message", 6, _F.TYPE_STRING),
                    ("fail_after", 7, _F.TYPE_INT32), ("tag", 8, _F.TYPE_STRING)],
    "EchoReply": [("payload", 1, _F.TYPE_BYTES), ("index", 2, _F.TYPE_INT32), ("total_bytes", 3, _F.TYPE_INT64),
                  ("count", 4, _F.TYPE_INT32), ("tag", 5, _F.TYPE_STRING)],
}


def _classes():
    file = descriptor_pb2.FileDescriptorProto(name="frames_test.proto", package="frames.test.v1", syntax="proto3")
    for name, fields in _FIELDS.items():
        message = file.message_type.add(name=name)
        for field_name, number, field_type in fields:
            message.field.add(name=field_name, number=number, type=field_type, label=_F.LABEL_OPTIONAL)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    make = getattr(message_factory, "GetMessageClass", None) or message_factory.MessageFactory(pool).GetPrototype
    return tuple(make(pool.FindMessageTypeByName(f"frames.test.v1.{name}")) for name in _FIELDS)


EchoRequest, EchoReply = _classes()
SERVICE = "frames.test.v1.Echo"
