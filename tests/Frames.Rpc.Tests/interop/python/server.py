"""A python-grpcio Echo server for the Frames client's interop tests (semantics: Protos/test.proto).

Prints "listening PORT" once bound and "cancelled TAG" when a call it serves is cancelled or times out.
Run with /usr/bin/python3 (Debian's python3-grpcio).
"""
import sys
import time
from concurrent import futures

import grpc

from echo_proto import SERVICE, EchoReply, EchoRequest

CODES = {code.value[0]: code for code in grpc.StatusCode}


def say(line):
    print(line, flush=True)


def wait(context, request):
    """Sleeps delay_ms; False (and says so) if the call ended meanwhile."""
    end = time.monotonic() + request.delay_ms / 1000
    while time.monotonic() < end:
        if not context.is_active():
            say(f"cancelled {request.tag}")
            return False
        time.sleep(0.005)
    return True


def fail(context, request):
    if request.fail_code:
        context.abort(CODES[request.fail_code], request.fail_message)


def reply(request, index):
    payload = bytes([index % 256]) * request.reply_size if request.reply_size > 0 else request.payload
    return EchoReply(payload=payload, index=index, tag=request.tag)


def unary(request, context):
    if not wait(context, request):
        return EchoReply()
    fail(context, request)
    return reply(request, 0)


def server_stream(request, context):
    # A cancelled stream's generator is simply never resumed, so the termination callback reports it.
    ended = []
    context.add_callback(lambda: ended or say(f"cancelled {request.tag}"))
    for i in range(request.count):
        if request.fail_code and i == request.fail_after:
            ended.append(True)
            fail(context, request)
        if not wait(context, request):
            return
        yield reply(request, i)
    ended.append(True)


def client_stream(requests, context):
    count = total = 0
    tag = ""
    for request in requests:
        tag = request.tag
        fail(context, request)
        count += 1
        total += len(request.payload)
    return EchoReply(count=count, total_bytes=total, tag=tag)


def bidi(requests, context):
    for index, request in enumerate(requests):
        fail(context, request)
        yield reply(request, index)


def main():
    codec = dict(request_deserializer=EchoRequest.FromString, response_serializer=EchoReply.SerializeToString)
    handlers = {
        "Unary": grpc.unary_unary_rpc_method_handler(unary, **codec),
        "ServerStream": grpc.unary_stream_rpc_method_handler(server_stream, **codec),
        "ClientStream": grpc.stream_unary_rpc_method_handler(client_stream, **codec),
        "Bidi": grpc.stream_stream_rpc_method_handler(bidi, **codec),
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), options=[
        ("grpc.max_receive_message_length", 64 * 1024 * 1024), ("grpc.max_send_message_length", -1)])
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    say(f"listening {port}")
    server.wait_for_termination()


if __name__ == "__main__":
    sys.exit(main())
