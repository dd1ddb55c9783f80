using System.Text;

namespace Registry.Tests.Support;

/// <summary>
/// A small local Python project on disk that the machine's real <c>pip wheel</c> builds offline: a
/// <c>pyproject.toml</c> whose <c>[build-system]</c> requires nothing and names the in-tree backend
/// (<c>backend-path = ["."]</c>), that backend (<see cref="Backend"/>, our own few dozen lines, since there is no
/// PyPI nor <c>wheel</c> package here), and one module recording the project and version as <see cref="PypiWheel"/>'s does.
/// </summary>
internal sealed record PypiProject(string Name, string Version, string Directory)
{
    /// <summary>The backend module's name (<c>build-backend</c>).</summary>
    public const string BackendModule = "registry_tests_backend";

    /// <summary>
    /// The PEP 517 backend: <c>get_requires_for_build_wheel</c> returns nothing to install, <c>build_wheel</c> writes a
    /// pure-Python <c>py3-none-any</c> wheel of the <c>[project]</c> table (name, version, description,
    /// requires-python, dependencies) and its package directory, with the dist-info METADATA, WHEEL and RECORD
    /// (each file's urlsafe base64 sha256 and size), entries in a fixed order with a fixed date.
    /// </summary>
    public const string Backend = """"
        """The registry tests' in-tree PEP 517 backend: a pure-Python wheel of pyproject.toml's [project] and its package."""
        import base64
        import hashlib
        import os
        import re
        import tomllib
        import zipfile


        def get_requires_for_build_wheel(config_settings=None):
            return []


        def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
            with open("pyproject.toml", "rb") as f:
                project = tomllib.load(f)["project"]
            name, version = project["name"], project["version"]
            normalized = re.sub(r"[-_.]+", "_", name).lower()
            dist_info = f"{normalized}-{version}.dist-info"
            metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}", f"Summary: {project.get('description', '')}"]
            if "requires-python" in project:
                metadata.append(f"Requires-Python: {project['requires-python']}")
            metadata += [f"Requires-Dist: {requirement}" for requirement in project.get("dependencies", [])]
            files = []
            for directory, subdirectories, names in os.walk(normalized):
                subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
                for file in sorted(n for n in names if not n.endswith(".pyc")):
                    path = os.path.join(directory, file)
                    with open(path, "rb") as f:
                        files.append((path.replace(os.sep, "/"), f.read()))
            files.append((f"{dist_info}/METADATA", ("\n".join(metadata) + "\n").encode()))
            files.append((f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: registry-tests-backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))
            record = ""
            for path, content in files:
                digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
                record += f"{path},sha256={digest},{len(content)}\n"
            files.append((f"{dist_info}/RECORD", (record + f"{dist_info}/RECORD,,\n").encode()))
            wheel_name = f"{normalized}-{version}-py3-none-any.whl"
            with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w") as wheel:
                for path, content in files:
                    wheel.writestr(zipfile.ZipInfo(path, (2026, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
            return wheel_name

        """";

    /// <summary>The importable module's (and package directory's) name: the project's name normalized with <c>_</c>, lowercase.</summary>
    public string Module => Name.ToLowerInvariant().Replace('-', '_').Replace('.', '_');

    /// <summary>The wheel's file name the backend writes.</summary>
    public string WheelFileName => $"{Module}-{Version}-py3-none-any.whl";

    /// <summary>Writes the project into <c>{parent}/{name}</c>: pyproject.toml, the backend, and <c>{module}/__init__.py</c>.</summary>
    public static PypiProject Write(string parent, string name, string version, string? requiresPython = ">=3.8", params string[] dependencies)
    {
        var project = new PypiProject(name, version, Path.Combine(parent, name));
        System.IO.Directory.CreateDirectory(Path.Combine(project.Directory, project.Module));
        var toml = new StringBuilder()
            .Append("[build-system]\nrequires = []\n")
            .Append("build-backend = ").Append(Quote(BackendModule)).Append('\n')
            .Append("backend-path = [\".\"]\n\n")
            .Append("[project]\nname = ").Append(Quote(name)).Append('\n')
            .Append("version = ").Append(Quote(version)).Append('\n')
            .Append("description = ").Append(Quote($"{name} for the registry's tests")).Append('\n');
        if (requiresPython is not null)
        {
            toml.Append("requires-python = ").Append(Quote(requiresPython)).Append('\n');
        }

        toml.Append("dependencies = [").AppendJoin(", ", dependencies.Select(Quote)).Append("]\n");
        File.WriteAllText(Path.Combine(project.Directory, "pyproject.toml"), toml.ToString());
        File.WriteAllText(Path.Combine(project.Directory, BackendModule + ".py"), Backend);
        File.WriteAllText(Path.Combine(project.Directory, project.Module, "__init__.py"), $"PROJECT = {Quote(name)}\nVERSION = {Quote(version)}\n");
        return project;
    }

    /// <summary>
    /// Builds the wheel with the real <c>pip wheel --no-deps --no-index -w {wheelDirectory}</c> (the venv's pip, no
    /// configuration file, no index) and returns it as read from disk.
    /// </summary>
    public async Task<PypiWheel> BuildWheelAsync(PypiClient pip, string wheelDirectory)
    {
        ProcessResult built = (await pip.PipAsync("wheel", "--no-deps", "--no-index", "-w", wheelDirectory, Directory)).EnsureSuccess();
        string file = Path.Combine(wheelDirectory, WheelFileName);
        return File.Exists(file)
            ? new PypiWheel(Name, Version, WheelFileName, await File.ReadAllBytesAsync(file))
            : throw new InvalidOperationException($"pip wheel did not write {file}.\n{built.Describe()}");
    }

    /// <summary>A TOML basic string (and a Python string literal) of the text.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
