namespace Registry.Core.Preheat;

public enum PreheatEdgeChange
{
    Created,
    Updated,
    Deleted,
}
