#!/usr/bin/env python3
"""A TCP proxy on 127.0.0.1 that holds every byte the server sends for a fixed time before passing it on.

    delayproxy.py --target-port 8080 [--delay-ms 50] [--max-seconds 300]

Prints its port on the first stdout line. Requests go to the server at once; each chunk of a reply is
forwarded --delay-ms after it arrived, in order. The cost stage puts it in front of the reference server for
mcp-stress's "fixed" runs: mcp-stress has no think time, so its offered rate (~SESSIONS * 1000 / delay req/s,
the same as the other generators' THINK_MS) is made by a slower reply instead of a wait between reply and
next request. Stops by itself after --max-seconds, or on SIGTERM/SIGINT.
"""
import argparse
import asyncio
import collections
import signal
import time


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target-port", type=int, required=True)
    ap.add_argument("--delay-ms", type=float, default=50)
    ap.add_argument("--max-seconds", type=float, default=300)
    a = ap.parse_args()
    delay = a.delay_ms / 1000

    async def forward(reader, writer):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                writer.write(data)
        except (ConnectionError, OSError):
            pass
        finally:
            try:
                writer.close()
            except Exception:
                pass

    async def delayed(reader, writer):
        queue = collections.deque()
        ready = asyncio.Event()
        done = False

        async def drain():
            while True:
                while not queue:
                    if done:
                        return
                    ready.clear()
                    await ready.wait()
                due, data = queue.popleft()
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)

        task = asyncio.ensure_future(drain())
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                queue.append((time.monotonic() + delay, data))
                ready.set()
        except (ConnectionError, OSError):
            pass
        done = True
        ready.set()
        try:
            await task
        except (ConnectionError, OSError):
            pass
        try:
            writer.close()
        except Exception:
            pass

    async def handle(client_r, client_w):
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", a.target_port)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(forward(client_r, server_w), delayed(server_r, client_w))

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, stop.set)
    try:
        await asyncio.wait_for(stop.wait(), a.max_seconds)
    except asyncio.TimeoutError:
        pass
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
