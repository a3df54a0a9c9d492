"""Peer rotation: who reviews whom within a team.

The members of a team, in a fixed order, form a ring; each member is
reviewed by the next colleagues on the ring. With the same number of peers
wanted for everyone, each member then reviews exactly as many colleagues as
review them, and nobody reviews themselves or one colleague twice.
"""

from __future__ import annotations

from collections.abc import Container, Hashable, Sequence


def next_peers(
    team: Sequence[Hashable],
    member: Hashable,
    wanted: int,
    taken: Container[Hashable] = (),
) -> list[Hashable]:
    """The peers proposed for ``member``: the colleagues following them in
    ``team`` (wrapping around), skipping those in ``taken`` (already their
    peers), at most ``wanted``. ``member`` must be in ``team``."""
    size = len(team)
    start = team.index(member)
    peers = []
    for offset in range(1, size):
        if len(peers) >= wanted:
            break
        colleague = team[(start + offset) % size]
        if colleague in taken:
            continue
        peers.append(colleague)
    return peers
