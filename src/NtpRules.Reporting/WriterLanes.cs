using System.Runtime.ExceptionServices;
using NtpRules.Assessment.Results;

namespace NtpRules.Reporting;

/// <summary>
/// Hands a run's subjects, in report order, to the writers of its output (one lane per report format, one for the
/// decision log), each lane on a thread of its own, so that no single thread writes every format of every subject.
/// Each lane takes the subjects and the ends of provinces in the order they were posted, so every file comes out
/// byte for byte as one thread would write it. The subjects posted and not yet taken by a lane are bounded
/// (<see cref="SubjectsWaiting"/>): a slow lane holds the caller back, and through it the assessment, instead of
/// letting a country's subjects pile up in memory. The first failure of a lane is rethrown, as it was thrown, to the
/// caller at its next call (and by <see cref="Finish"/>); the other lanes then stop at their next batch.
/// When not concurrent, every lane runs on the caller's thread as each subject is posted.
/// </summary>
internal sealed class WriterLanes : IDisposable
{
    /// <summary>Subjects a lane may have waiting by default: a few provinces' worth of communes.</summary>
    public const int DefaultSubjectsWaiting = 4_096;

    /// <summary>Subjects handed over at once: one wake-up per lane for many subjects.</summary>
    private const int BatchSize = 64;

    private readonly bool _concurrent;
    private readonly int _capacity;
    private readonly int _batchSize;
    private readonly List<Lane> _lanes = new();
    private SubjectResult[] _batch;
    private int _batched;
    private volatile ExceptionDispatchInfo? _failure;
    private volatile bool _ended, _stopped;
    private bool _started;
    private int _peak;

    public WriterLanes(bool concurrent, int subjectsWaiting = DefaultSubjectsWaiting)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subjectsWaiting, 1);
        _concurrent = concurrent;
        _capacity = subjectsWaiting;
        _batchSize = Math.Min(BatchSize, subjectsWaiting);
        _batch = new SubjectResult[_batchSize];
    }

    /// <summary>The most subjects a lane may have waiting.</summary>
    public int SubjectsWaiting => _capacity;

    /// <summary>The most subjects any lane had waiting at once so far.</summary>
    public int PeakWaiting => Volatile.Read(ref _peak);

    /// <summary>A batch of subjects, and the roll-ups of the province they end, if they end one.</summary>
    private sealed record Item(SubjectResult[] Subjects, int Count, IReadOnlyList<Rollup>? ProvinceDone);

    /// <summary>A writer and what waits for it; the lane itself is the lock its thread and the caller share.</summary>
    private sealed class Lane(string name, Action<SubjectResult> add, Action<IReadOnlyList<Rollup>>? provinceDone)
    {
        public string Name { get; } = name;
        public Action<SubjectResult> Add { get; } = add;
        public Action<IReadOnlyList<Rollup>>? ProvinceDone { get; } = provinceDone;
        public Queue<Item> Items { get; } = new();
        public int Waiting { get; set; }
        /// <summary>The caller waits for room in this lane.</summary>
        public bool Full { get; set; }
        public Thread? Thread { get; set; }
    }

    /// <summary>Adds a lane (before the first subject): <paramref name="add"/> takes each subject, <paramref name="provinceDone"/> each end of a province.</summary>
    public void Add(string name, Action<SubjectResult> add, Action<IReadOnlyList<Rollup>>? provinceDone = null)
    {
        if (_started) throw new InvalidOperationException("lanes are added before the first subject");
        _lanes.Add(new Lane(name, add, provinceDone));
    }

    /// <summary>Hands a subject to every lane.</summary>
    public void Post(SubjectResult subject)
    {
        Start();
        if (!_concurrent)
        {
            foreach (var lane in _lanes) lane.Add(subject);
            return;
        }
        _batch[_batched++] = subject;
        if (_batched == _batchSize) Send(null);
    }

    /// <summary>Every subject of a province has been posted: each lane is told after taking them.</summary>
    public void ProvinceDone(IReadOnlyList<Rollup> rollups)
    {
        Start();
        if (!_concurrent)
        {
            foreach (var lane in _lanes) lane.ProvinceDone?.Invoke(rollups);
            return;
        }
        Send(rollups);
    }

    /// <summary>Waits until every lane has taken everything posted and its thread has ended; rethrows a lane's failure.</summary>
    public void Finish()
    {
        Start();
        if (_concurrent)
        {
            if (_batched > 0) Send(null);
            _ended = true;
            WakeAll();
            Join();
        }
        _failure?.Throw();
    }

    private void Start()
    {
        _failure?.Throw();
        if (_started) return;
        if (_ended || _stopped) throw new ObjectDisposedException(nameof(WriterLanes));
        _started = true;
        if (!_concurrent) return;
        foreach (var lane in _lanes)
        {
            lane.Thread = new Thread(() => Run(lane)) { IsBackground = true, Name = $"ntp {lane.Name}" };
            lane.Thread.Start();
        }
    }

    /// <summary>The batch so far (possibly none) to every lane, with the end of a province; waits while a lane is full.</summary>
    private void Send(IReadOnlyList<Rollup>? provinceDone)
    {
        var item = new Item(_batch, _batched, provinceDone);
        if (_batched > 0) _batch = new SubjectResult[_batchSize]; // the lanes read the one sent
        _batched = 0;
        foreach (var lane in _lanes)
            lock (lane)
            {
                while (lane.Waiting > 0 && lane.Waiting + item.Count > _capacity && _failure is null)
                {
                    lane.Full = true;
                    Monitor.Wait(lane);
                }
                lane.Full = false;
                _failure?.Throw();
                lane.Items.Enqueue(item);
                lane.Waiting += item.Count;
                if (lane.Waiting > _peak) Volatile.Write(ref _peak, lane.Waiting);
                if (lane.Items.Count == 1) Monitor.Pulse(lane); // its thread may be waiting for work
            }
    }

    private void Run(Lane lane)
    {
        try
        {
            while (true)
            {
                Item item;
                lock (lane)
                {
                    while (lane.Items.Count == 0 && !_ended && !_stopped && _failure is null) Monitor.Wait(lane);
                    if (_stopped || _failure is not null || lane.Items.Count == 0) return;
                    item = lane.Items.Peek();
                }
                for (var i = 0; i < item.Count; i++) lane.Add(item.Subjects[i]);
                if (item.ProvinceDone is { } rollups) lane.ProvinceDone?.Invoke(rollups);
                lock (lane)
                {
                    lane.Items.Dequeue();
                    lane.Waiting -= item.Count;
                    if (lane.Full) Monitor.Pulse(lane); // the caller waits for room
                }
            }
        }
        catch (Exception ex)
        {
            lock (_lanes) _failure ??= ExceptionDispatchInfo.Capture(ex);
            WakeAll();
        }
    }

    /// <summary>Wakes whoever waits on any lane, to see that the lanes end or failed.</summary>
    private void WakeAll()
    {
        foreach (var lane in _lanes)
            lock (lane) Monitor.PulseAll(lane);
    }

    private void Join()
    {
        foreach (var lane in _lanes) lane.Thread?.Join();
        foreach (var lane in _lanes) lane.Items.Clear();
    }

    /// <summary>Stops the lanes after the batch each is writing (the run failed or was abandoned) and waits for their threads.</summary>
    public void Dispose()
    {
        if (!_concurrent || _stopped) return;
        _stopped = true;
        WakeAll();
        Join();
    }
}
