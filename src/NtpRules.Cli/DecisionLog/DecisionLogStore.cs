using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using NtpRules.Assessment.Results;
using NtpRules.Language.Explanations;

namespace NtpRules.Cli.DecisionLog;

/// <summary>One row of the log's decisions: a subject's verdict against a standard in a run.</summary>
public readonly record struct DecisionRow(string SubjectId, string SubjectKind, string StandardId, Verdict Verdict, int CriteriaMet, int CriteriaTotal)
{
    /// <summary>The rows of a subject: one per standard it was assessed against (none for a household).</summary>
    public static IEnumerable<DecisionRow> Of(SubjectResult subject) =>
        subject.Standards.Select(s => new DecisionRow(subject.Id, subject.Kind, s.Id, s.Verdict, s.CriteriaMet, s.CriteriaTotal));
}

/// <summary>One past verdict of a subject against a standard.</summary>
public sealed record HistoryEntry(string RunId, DateOnly AsOf, DateTimeOffset GeneratedAt, string SubjectId, string StandardId, Verdict Verdict, int CriteriaMet, int CriteriaTotal, string RuleSets, string InputHash);

/// <summary>
/// The decision log cannot be opened or written (not a SQLite file, damaged, disk full, unwritable): the message names
/// the file and says why. A damaged log is never replaced or moved by the tool: it holds the history.
/// </summary>
public sealed class DecisionLogException(string path, string message, Exception inner) : IOException(message, inner)
{
    public string LogPath { get; } = path;
}

/// <summary>
/// The decision log: an append-only SQLite file recording, per run, the as-of date, the rule-set versions and hashes,
/// the input hash, and per subject and standard the verdict and criteria met. Appending a run id again replaces that
/// run, in one transaction (a file reprocessed after a crash is the same decision, not a new one). Every SQLite failure
/// surfaces as a <see cref="DecisionLogException"/> naming the file.
/// </summary>
public sealed class DecisionLogStore : IDisposable
{
    private const int SqliteCorrupt = 11, SqliteNotADatabase = 26;
    private readonly SqliteConnection _db;
    private readonly string _path;

    public DecisionLogStore(string path)
    {
        _path = path;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            Guard(CreateSchema);
        }
        catch
        {
            _db.Dispose();
            throw;
        }
    }

    private void CreateSchema()
    {
        _db.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS runs (
                run_id TEXT PRIMARY KEY, as_of TEXT NOT NULL, generated_at TEXT NOT NULL,
                engine_version TEXT NOT NULL, input_hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS run_rule_sets (
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                rule_set_id TEXT NOT NULL, version TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS run_inputs (
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE, file TEXT NOT NULL, sha256 TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS decisions (
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                subject_id TEXT NOT NULL, subject_kind TEXT NOT NULL, standard_id TEXT NOT NULL,
                verdict TEXT NOT NULL, criteria_met INTEGER NOT NULL, criteria_total INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS decisions_subject ON decisions(subject_id, standard_id);
            PRAGMA foreign_keys = ON;
            """);
    }

    /// <summary>The hash recorded for a run's inputs: SHA-256 over the sorted per-file hashes.</summary>
    public static string InputHash(IEnumerable<InputFileUse> inputs)
    {
        var joined = string.Join("\n", inputs.Select(i => i.Sha256).Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));
    }

    /// <summary>Rows of decisions a run's output gathers before staging them (<see cref="StageDecisions"/>).</summary>
    public const int BatchSize = 10_000;

    /// <summary>Appends a run and its decisions as one entry (replacing a run with the same id).</summary>
    public void Append(AssessmentReport report)
    {
        StageDecisions(report.Run.RunId, report.Subjects.SelectMany(DecisionRow.Of));
        CommitRun(report.Run);
    }

    /// <summary>
    /// Writes decisions of a run not yet recorded to a temporary table of this connection, in one transaction left
    /// open until <see cref="CommitRun"/>, with one statement prepared once: the rows leave memory as the run goes,
    /// but no reader of the log sees them before <see cref="CommitRun"/>, and they vanish with the connection if it
    /// never comes (a failed or killed run leaves no trace in the log).
    /// </summary>
    public void StageDecisions(string runId, IEnumerable<DecisionRow> rows) => Guard(() => Stage(runId, rows));

    /// <summary>
    /// Records a run (replacing one with the same id), its rule sets and inputs, and moves its staged decisions into
    /// the log, in the staging transaction (or one of its own): the entry appears whole or not at all.
    /// </summary>
    public void CommitRun(RunInfo run) => Guard(() =>
    {
        var tx = _staged ?? _db.BeginTransaction();
        _staged = null;
        try
        {
            _transaction = tx;
            InsertRun(run);
            if (_staging)
            {
                // In staging order, so the log holds the rows as a direct insert would have.
                Execute("INSERT INTO decisions SELECT run_id, subject_id, subject_kind, standard_id, verdict, criteria_met, criteria_total " +
                    "FROM temp.staged_decisions WHERE run_id = $run ORDER BY rowid", ("$run", run.RunId));
                Execute("DELETE FROM temp.staged_decisions WHERE run_id = $run", ("$run", run.RunId));
            }
            tx.Commit();
        }
        finally
        {
            _transaction = null;
            tx.Dispose();
        }
    });

    private bool _staging;
    /// <summary>The transaction the staged rows are written in, open from the first row staged to <see cref="CommitRun"/>.</summary>
    private SqliteTransaction? _staged;
    /// <summary>The transaction commands run in (Microsoft.Data.Sqlite asks for it while one is open).</summary>
    private SqliteTransaction? _transaction;
    private sqlite3_stmt? _insert;

    private void InsertRun(RunInfo run)
    {
        Execute("DELETE FROM runs WHERE run_id = $run", ("$run", run.RunId));
        Execute("INSERT INTO runs VALUES ($run, $asOf, $at, $engine, $input)",
            ("$run", run.RunId), ("$asOf", run.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("$at", run.GeneratedAt.ToString("O", CultureInfo.InvariantCulture)), ("$engine", $"{run.Engine} {run.EngineVersion}"), ("$input", InputHash(run.Inputs)));
        foreach (var r in run.RuleSets)
            Execute("INSERT INTO run_rule_sets VALUES ($run, $id, $version, $file, $sha)",
                ("$run", run.RunId), ("$id", r.Id), ("$version", r.Version), ("$file", r.File), ("$sha", r.Sha256));
        foreach (var i in run.Inputs)
            Execute("INSERT INTO run_inputs VALUES ($run, $file, $sha)", ("$run", run.RunId), ("$file", i.File), ("$sha", i.Sha256));
    }

    private void Stage(string runId, IEnumerable<DecisionRow> rows)
    {
        if (!_staging)
        {
            // On disk, not in memory: a country's rows are hundreds of megabytes.
            Execute("""
                PRAGMA temp_store = FILE;
                CREATE TEMP TABLE IF NOT EXISTS staged_decisions (
                    run_id TEXT NOT NULL, subject_id TEXT NOT NULL, subject_kind TEXT NOT NULL, standard_id TEXT NOT NULL,
                    verdict TEXT NOT NULL, criteria_met INTEGER NOT NULL, criteria_total INTEGER NOT NULL);
                """);
            _staging = true;
        }
        if (_insert is null)
        {
            // Bound by position, straight through SQLite: Microsoft.Data.Sqlite looks every parameter up by name on
            // every row.
            Check(raw.sqlite3_prepare_v2(_db.Handle, "INSERT INTO temp.staged_decisions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", out var insert));
            _insert = insert;
        }
        _staged ??= _db.BeginTransaction();
        foreach (var row in rows)
        {
            raw.sqlite3_bind_text(_insert, 1, runId);
            raw.sqlite3_bind_text(_insert, 2, row.SubjectId);
            raw.sqlite3_bind_text(_insert, 3, row.SubjectKind);
            raw.sqlite3_bind_text(_insert, 4, row.StandardId);
            raw.sqlite3_bind_text(_insert, 5, row.Verdict.ToText());
            raw.sqlite3_bind_int(_insert, 6, row.CriteriaMet);
            raw.sqlite3_bind_int(_insert, 7, row.CriteriaTotal);
            var done = raw.sqlite3_step(_insert);
            raw.sqlite3_reset(_insert);
            if (done != raw.SQLITE_DONE) Check(done);
        }
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE)) SqliteException.ThrowExceptionForRC(rc, _db.Handle);
    }

    /// <summary>The past verdicts of a subject, oldest as-of date first; optionally for one standard.</summary>
    public IReadOnlyList<HistoryEntry> History(string subjectId, string? standardId = null)
    {
        IReadOnlyList<HistoryEntry> list = [];
        Guard(() => list = Read(subjectId, standardId));
        return list;
    }

    private List<HistoryEntry> Read(string subjectId, string? standardId)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = _staged;
        cmd.CommandText = """
            SELECT r.run_id, r.as_of, r.generated_at, d.subject_id, d.standard_id, d.verdict, d.criteria_met, d.criteria_total,
                   (SELECT group_concat(rule_set_id || '@' || version, ', ') FROM run_rule_sets s WHERE s.run_id = r.run_id), r.input_hash
            FROM decisions d JOIN runs r ON r.run_id = d.run_id
            WHERE d.subject_id = $subject AND ($standard IS NULL OR d.standard_id = $standard)
            ORDER BY r.as_of, r.generated_at, d.standard_id
            """;
        cmd.Parameters.AddWithValue("$subject", subjectId);
        cmd.Parameters.AddWithValue("$standard", (object?)standardId ?? DBNull.Value);
        using var reader = cmd.ExecuteReader();
        var list = new List<HistoryEntry>();
        while (reader.Read())
        {
            VerdictText.TryParse(reader.GetString(5), out var verdict);
            list.Add(new HistoryEntry(reader.GetString(0),
                DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                reader.GetString(3), reader.GetString(4), verdict, reader.GetInt32(6), reader.GetInt32(7),
                reader.IsDBNull(8) ? "" : reader.GetString(8), reader.GetString(9)));
        }
        return list;
    }

    /// <summary>The latest verdict of a subject for a standard with an as-of date before <paramref name="before"/>: a baseline for targets.</summary>
    public HistoryEntry? LatestBefore(string subjectId, string standardId, DateOnly before) =>
        History(subjectId, standardId).LastOrDefault(h => h.AsOf < before);

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw new DecisionLogException(_path, $"decision log '{_path}' is damaged or not a decision log ({ex.Message.TrimEnd('.')}); " +
                "move it aside or restore it from a backup (a new log is started where none exists)", ex);
        }
        catch (SqliteException ex)
        {
            throw new DecisionLogException(_path, $"decision log '{_path}' cannot be written: {ex.Message.TrimEnd('.')}", ex);
        }
    }

    private void Execute(string sql, params (string Name, object Value)[] args)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = _transaction ?? _staged;
        cmd.CommandText = sql;
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _staged?.Dispose(); // rolled back: a run not committed leaves nothing
        _db.Dispose();
    }
}
