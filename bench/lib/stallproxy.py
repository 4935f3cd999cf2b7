#!/usr/bin/env python3
"""A TCP proxy on 127.0.0.1 that stalls every reply for a while on SIGUSR1: a server pause as clients see it.

    stallproxy.py --target-port 8080 [--stall-ms 1000] [--max-seconds 300]

Prints its port on the first stdout line. On SIGUSR1, every byte the server sends from then until
--stall-ms later is held, then forwarded at once (requests still flow to the server). Stops by itself
after --max-seconds, or on SIGTERM/SIGINT.
"""
import argparse
import asyncio
import signal
import time


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target-port", type=int, required=True)
    ap.add_argument("--stall-ms", type=int, default=1000)
    ap.add_argument("--max-seconds", type=float, default=300)
    a = ap.parse_args()
    stall_until = 0.0
    stalls = []

    def stall():
        nonlocal stall_until
        stall_until = time.monotonic() + a.stall_ms / 1000
        stalls.append(time.time())

    async def pump(reader, writer, hold):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                if hold:
                    wait = stall_until - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
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
        await asyncio.gather(pump(client_r, server_w, False), pump(server_r, client_w, True))

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    loop.add_signal_handler(signal.SIGUSR1, stall)
    loop.add_signal_handler(signal.SIGTERM, done.set)
    loop.add_signal_handler(signal.SIGINT, done.set)
    try:
        await asyncio.wait_for(done.wait(), a.max_seconds)
    except asyncio.TimeoutError:
        pass
    print("stalls at " + " ".join(f"{t:.3f}" for t in stalls), flush=True)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
