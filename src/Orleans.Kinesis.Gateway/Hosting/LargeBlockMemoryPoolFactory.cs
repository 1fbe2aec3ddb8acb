using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Orleans.Kinesis.Gateway.Hosting;

/// <summary>
/// Gives Kestrel's transport 64 KiB pinned blocks instead of its default 4 KiB ones. The socket transport receives
/// into one block per system call, so a 700 KB PutRecords body took about 175 receive calls with 4 KiB blocks and
/// takes about 11 with these; on a virtual machine, where system calls are expensive, that is a large share of the
/// server's CPU time. Blocks are reused; the pool keeps at most <see cref="MaxRetainedBlocks"/> free blocks.
/// </summary>
public sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public const int BlockSize = 64 * 1024;
    public const int MaxRetainedBlocks = 1024;

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new Pool();

    private sealed class Pool : MemoryPool<byte>
    {
        private readonly ConcurrentQueue<byte[]> _free = new();
        private int _freeCount;

        public override int MaxBufferSize => BlockSize;

        public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
            if (_free.TryDequeue(out var block))
            {
                Interlocked.Decrement(ref _freeCount);
            }
            else
            {
                block = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
            }

            return new Block(this, block);
        }

        protected override void Dispose(bool disposing)
        {
            _free.Clear();
        }

        private void Return(byte[] block)
        {
            if (Interlocked.Increment(ref _freeCount) <= MaxRetainedBlocks)
            {
                _free.Enqueue(block);
            }
            else
            {
                Interlocked.Decrement(ref _freeCount);
            }
        }

        private sealed class Block : IMemoryOwner<byte>
        {
            private readonly Pool _pool;
            private byte[]? _array;

            public Block(Pool pool, byte[] array)
            {
                _pool = pool;
                _array = array;
            }

            public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

            public void Dispose()
            {
                var array = Interlocked.Exchange(ref _array, null);
                if (array is not null)
                {
                    _pool.Return(array);
                }
            }
        }
    }
}
