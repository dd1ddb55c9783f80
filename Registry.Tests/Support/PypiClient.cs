namespace Registry.Tests.Support;

/// <summary>
/// The real pip (in a fresh <c>python3 -m venv</c>) and curl for the PyPI end-to-end tests: pip ignores every
/// configuration file and cache of the machine, so only the index URL given is asked.
/// </summary>
internal sealed class PypiClient(string work)
{
    private readonly string _python = ExternalTool.Require("python3", "python3");
    private readonly string _curl = ExternalTool.Require("curl", "curl");

    private string Venv => Path.Combine(work, "venv");

    public string Pip => Path.Combine(Venv, "bin", "pip");

    public string VenvPython => Path.Combine(Venv, "bin", "python");

    public async Task CreateVenvAsync() => await ProcessRunner.RunCheckedAsync(_python, ["-m", "venv", Venv], Options());

    /// <summary>Runs pip with the arguments (install, download), never asking questions or checking for a newer pip.</summary>
    public Task<ProcessResult> PipAsync(params string[] arguments) => ProcessRunner.RunAsync(Pip, arguments, Options());

    public Task<ProcessResult> PythonAsync(string code) => ProcessRunner.RunAsync(VenvPython, ["-c", code], Options());

    /// <summary>Uploads the wheel as twine does (<c>curl -F</c> with twine's fields), failing on HTTP errors.</summary>
    public async Task<ProcessResult> UploadAsync(string url, string user, string password, PypiWheel wheel)
    {
        string file = Path.Combine(work, wheel.FileName);
        await File.WriteAllBytesAsync(file, wheel.Bytes);
        return await ProcessRunner.RunAsync(_curl, ["-sS", "--fail-with-body", "-u", $"{user}:{password}", .. wheel.CurlFormArguments(file), url], Options());
    }

    private ProcessRunOptions Options() => new()
    {
        Timeout = TimeSpan.FromMinutes(3),
        WorkingDirectory = work,
        Environment = new Dictionary<string, string?>
        {
            ["HOME"] = work,
            ["PIP_CONFIG_FILE"] = "/dev/null",
            ["PIP_NO_CACHE_DIR"] = "1",
            ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1",
            ["PIP_NO_INPUT"] = "1",
            ["PIP_INDEX_URL"] = null,
            ["PIP_EXTRA_INDEX_URL"] = null,
            ["PIP_FIND_LINKS"] = null,
        },
    };
}
