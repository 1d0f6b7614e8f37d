"""Scheduler.GetStatus on a Frames scheduler as python-grpcio calls it, over TLS or cleartext.

Usage: status_client.py HOST:PORT tls|cleartext [CA_PEM] [TOKEN]
Prints one JSON line: {"code": <grpc status>, "details": "...", "reply": "<the StatusReply's bytes, latin-1>"}.
The reply is not parsed (no generated code here); the test looks for the worker's name in its bytes.
"""
import json
import sys

import grpc


def main():
    address, mode = sys.argv[1], sys.argv[2]
    ca = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
    token = sys.argv[4] if len(sys.argv) > 4 else None
    if mode == "tls":
        root = open(ca, "rb").read() if ca else None
        channel = grpc.secure_channel(address, grpc.ssl_channel_credentials(root_certificates=root))
    else:
        channel = grpc.insecure_channel(address)
    with channel:
        status = channel.unary_unary("/frames.v1.Scheduler/GetStatus",
                                     request_serializer=lambda message: message, response_deserializer=lambda data: data)
        metadata = (("authorization", f"Bearer {token}"),) if token else None
        try:
            reply = status(b"", metadata=metadata, timeout=30)
            outcome = {"code": 0, "details": "", "reply": reply.decode("latin-1")}
        except grpc.RpcError as e:
            outcome = {"code": e.code().value[0], "details": e.details(), "reply": ""}
    print(json.dumps(outcome), flush=True)


if __name__ == "__main__":
    main()
