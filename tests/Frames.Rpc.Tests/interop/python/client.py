"""A python-grpcio client for the Frames server's interop tests. Runs one scenario against HOST:PORT and
prints one JSON line: {"code": <grpc status>, "details": "...", ...}. Usage: client.py HOST:PORT SCENARIO
"""
import json
import sys

import grpc

from echo_proto import SERVICE, EchoReply, EchoRequest

MIB = 1024 * 1024


def stubs(channel):
    codec = dict(request_serializer=EchoRequest.SerializeToString, response_deserializer=EchoReply.FromString)
    return {
        "unary": channel.unary_unary(f"/{SERVICE}/Unary", **codec),
        "server_stream": channel.unary_stream(f"/{SERVICE}/ServerStream", **codec),
        "client_stream": channel.stream_unary(f"/{SERVICE}/ClientStream", **codec),
        "bidi": channel.stream_stream(f"/{SERVICE}/Bidi", **codec),
        "missing": channel.unary_unary(f"/{SERVICE}/Nope", **codec),
    }


def result(error=None, **extra):
    if error is None:
        return {"code": 0, "details": "", **extra}
    return {"code": error.code().value[0], "details": error.details(), **extra}


def unary(s):
    trailers = {}
    response, call = s["unary"].with_call(EchoRequest(payload=b"hello", tag="py-u"), metadata=(("x-trace", "py"),))
    trailers = dict(call.trailing_metadata())
    return result(payload=response.payload.decode(), trailer=trailers.get("x-trace"))


def server_stream(s):
    replies = list(s["server_stream"](EchoRequest(count=5, reply_size=1000)))
    return result(indexes=[r.index for r in replies], sizes=[len(r.payload) for r in replies])


def client_stream(s):
    response = s["client_stream"](iter([EchoRequest(payload=bytes(250)) for _ in range(4)]))
    return result(count=response.count, totalBytes=response.total_bytes)


def bidi(s):
    replies = list(s["bidi"](iter([EchoRequest(payload=f"ping {i}".encode()) for i in range(3)])))
    return result(echoes=[r.payload.decode() for r in replies])


def error(s):
    s["unary"](EchoRequest(fail_code=5, fail_message="no such partition: ключ 100%"))
    return result()


def stream_error(s):
    received = 0
    try:
        for _ in s["server_stream"](EchoRequest(count=10, fail_code=9, fail_after=3, fail_message="stopped midway")):
            received += 1
    except grpc.RpcError as e:
        return result(e, received=received)
    return result(received=received)


def deadline(s):
    # The channel is connected (main), so the deadline runs from the call's start; 1.5 s leaves the server
    # ample room to reach the handler before it passes, even on a loaded machine.
    s["unary"](EchoRequest(delay_ms=60000, tag="deadline-py"), timeout=1.5)
    return result()


def too_big(s):
    s["unary"](EchoRequest(payload=bytes(8 * MIB)))
    return result()


def unimplemented(s):
    s["missing"](EchoRequest())
    return result()


def cancel(s):
    call = s["server_stream"](EchoRequest(count=1000000, delay_ms=20, tag="cancel-py"))
    first = next(call)
    call.cancel()
    try:
        for _ in call:
            pass
    except grpc.RpcError as e:
        return result(e, first=first.index)
    return result(first=first.index)


SCENARIOS = {"unary": unary, "server-stream": server_stream, "client-stream": client_stream, "bidi": bidi,
             "error": error, "stream-error": stream_error, "deadline": deadline, "too-big": too_big,
             "unimplemented": unimplemented, "cancel": cancel}


def main():
    address, scenario = sys.argv[1], sys.argv[2]
    options = [("grpc.max_receive_message_length", 64 * MIB), ("grpc.max_send_message_length", -1)]
    with grpc.insecure_channel(address, options=options) as channel:
        grpc.channel_ready_future(channel).result(timeout=120)
        try:
            outcome = SCENARIOS[scenario](stubs(channel))
        except grpc.RpcError as e:
            outcome = result(e)
    print(json.dumps(outcome, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
