namespace Platform.Api.Mcp;

/// <summary>
/// For MCP revisions before 2026-07-28 the SDK flushes a POST's event-stream headers before the request has run, so
/// every answer left in two sends, each waking the client: the headers, then the event. Here a flush before anything
/// was written is held back, so the headers leave with the first event (a progress notification, an elicitation or
/// the answer), in one send. A middleware, because the SDK's endpoints run no endpoint filters.
/// </summary>
public static class AnswerHeadersWithFirstEvent
{
    public static TBuilder SendHeadersWithFirstEvent<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new HeadersWithFirstEventEndpoint());

    public static IApplicationBuilder UseHeadersWithFirstEvent(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<HeadersWithFirstEventEndpoint>() is not null)
            {
                http.Response.Body = new FlushAfterFirstWrite(http.Response.Body);
            }

            return next(http);
        });

    private sealed class HeadersWithFirstEventEndpoint;

    /// <summary>The response body, ignoring flushes until something was written; owned by the server, so not disposed here.</summary>
    private sealed class FlushAfterFirstWrite(Stream body) : Stream
    {
        private bool written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
            if (written)
            {
                body.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            written ? body.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            written = true;
            body.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            written = true;
            return body.WriteAsync(buffer, cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
