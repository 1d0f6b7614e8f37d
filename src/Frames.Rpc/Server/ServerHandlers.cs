namespace FramesNet.Rpc.Server;

/// <summary>Handles a unary call: one request in, one response out.</summary>
public delegate Task<TResponse> UnaryHandler<TRequest, TResponse>(TRequest request, ServerCallContext context);

/// <summary>Handles a server-streaming call: write responses to <paramref name="responses"/>, then return.</summary>
public delegate Task ServerStreamingHandler<TRequest, TResponse>(TRequest request, IAsyncStreamWriter<TResponse> responses, ServerCallContext context);

/// <summary>Handles a client-streaming call: read <paramref name="requests"/> to the end, return the response.</summary>
public delegate Task<TResponse> ClientStreamingHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requests, ServerCallContext context);

/// <summary>Handles a bidirectional call: read and write independently; the call ends when this returns.</summary>
public delegate Task DuplexStreamingHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requests, IAsyncStreamWriter<TResponse> responses, ServerCallContext context);
