namespace Registry.Api.Http;

/// <summary>
/// What is wrong with a request's input: the field at fault (a body property such as <c>url</c> or <c>rules[2]</c>,
/// a query parameter, or <c>$</c> for the body as a whole) and a message for a person. The API answers it as a 400
/// problem with the field in <c>errors</c>; the console shows the message.
/// </summary>
internal sealed record InputProblem(string Field, string Message);
