using System.Buffers;
using H2Sharp.Frames;

namespace H2Sharp.Tests.Frames;

/// <summary>Builds long, valid frame streams of every type from a seed, through the writer.</summary>
internal static class FrameStreamFactory
{
    public static byte[] Build(int seed, int frameCount, int maxPayload)
    {
        var random = new Random(seed);
        var output = new ArrayBufferWriter<byte>();
        for (int i = 0; i < frameCount; i++)
        {
            int stream = random.Next(1, int.MaxValue);
            byte[] bytes = RandomBytes(random, random.Next(0, 4) == 0 ? random.Next(0, maxPayload - 300) : random.Next(0, 40));
            int? pad = random.Next(3) == 0 ? random.Next(0, 256) : null;
            PriorityInfo? priority = random.Next(2) == 0 ? new PriorityInfo(random.Next(0, int.MaxValue), random.Next(1, 257), random.Next(2) == 0) : null;
            switch (i % 13)
            {
                case 0: FrameWriter.WriteData(output, stream, bytes, random.Next(2) == 0, pad); break;
                case 1: FrameWriter.WriteHeaders(output, stream, bytes, random.Next(2) == 0, random.Next(2) == 0, priority, pad); break;
                case 2: FrameWriter.WritePriority(output, stream, new PriorityInfo(random.Next(), random.Next(1, 257), random.Next(2) == 0)); break;
                case 3: FrameWriter.WriteRstStream(output, stream, (ErrorCode)(uint)random.Next()); break;
                case 4:
                    if (random.Next(4) == 0)
                    {
                        FrameWriter.WriteSettingsAck(output);
                    }
                    else
                    {
                        var settings = new Setting[random.Next(0, 10)];
                        for (int s = 0; s < settings.Length; s++)
                        {
                            settings[s] = new Setting((SettingCode)random.Next(0, 65536), (uint)random.NextInt64(0, uint.MaxValue + 1L));
                        }

                        FrameWriter.WriteSettings(output, settings);
                    }

                    break;
                case 5: FrameWriter.WritePushPromise(output, stream, random.Next(), bytes, random.Next(2) == 0, pad); break;
                case 6: FrameWriter.WritePing(output, (ulong)random.NextInt64(), random.Next(2) == 0); break;
                case 7: FrameWriter.WriteGoAway(output, random.Next(), (ErrorCode)(uint)random.Next(0, 20), bytes); break;
                case 8: FrameWriter.WriteWindowUpdate(output, random.Next(0, 3) == 0 ? 0 : stream, random.Next(1, int.MaxValue)); break;
                case 9: FrameWriter.WriteContinuation(output, stream, bytes, random.Next(2) == 0); break;
                case 10: FrameWriter.WriteAltSvc(output, random.Next(2) == 0 ? 0 : stream, RandomBytes(random, random.Next(0, 30)), bytes); break;
                case 11: FrameWriter.WritePriorityUpdate(output, stream, "u=3"u8); break;
                default: FrameWriter.WriteUnknown(output, (byte)random.Next(0x11, 256), (FrameFlags)random.Next(256), random.Next(), bytes); break;
            }
        }

        return output.WrittenSpan.ToArray();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
