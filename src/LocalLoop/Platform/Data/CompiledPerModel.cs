using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LocalLoop.Platform.Data;

/// <summary>
/// A compiled EF query (for reads on the hottest paths, which then skip EF's per-call translation-cache lookup), compiled
/// once per model: EF refuses to run a compiled query against another model than its first, and one process can hold
/// both a SQLite and a PostgreSQL model (the tests do).
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = new();

    public TQuery For(DbContext db) => byModel.GetValue(db.Model, _ => compile());
}
