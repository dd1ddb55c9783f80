namespace Registry.Core.Packages.Npm;

/// <summary>The outcome of <see cref="NpmPublishDocumentReader.ReadAsync"/>: the document, or why not.</summary>
public readonly record struct NpmDocumentRead(NpmPublishDocument? Document, NpmDocumentProblem Problem, string? Error)
{
    public static NpmDocumentRead Fail(NpmDocumentProblem problem, string error) => new(null, problem, error);
}

public enum NpmDocumentProblem
{
    None,

    /// <summary>The body is not one JSON value (answered 400).</summary>
    NotJson,

    /// <summary>The document without its attachments' data, or one value in it, passes <see cref="NpmLimits.MaxDocumentBytes"/> (answered 413).</summary>
    TooLarge,
}
