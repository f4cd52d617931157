using System.Net.Http.Headers;
using System.Text;
using Platform.Confluence.Tools;

namespace Platform.Grains.Confluence;

/// <summary>The HTTP body of a Confluence request: JSON, or a multipart file upload (v1 attachments).</summary>
internal static class ConfluenceContent
{
    public static HttpContent? For(ConfluenceRequest request, HttpRequestHeaders headers)
    {
        if (request.Upload is { } upload)
        {
            // Confluence refuses multipart posts without this header (its XSRF check).
            headers.Add("X-Atlassian-Token", "no-check");
            var file = new ByteArrayContent(upload.Content);
            file.Headers.ContentType = new MediaTypeHeaderValue(upload.MediaType);
            var form = new MultipartFormDataContent { { file, "file", upload.FileName } };
            if (upload.Comment is { } comment)
            {
                form.Add(new StringContent(comment, Encoding.UTF8), "comment");
            }

            return form;
        }

        return request.JsonBody is { } json ? new StringContent(json, Encoding.UTF8, "application/json") : null;
    }
}
