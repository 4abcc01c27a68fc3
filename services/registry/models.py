"""Registry's tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Audited:
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UpstreamRow(Audited, Base):
    __tablename__ = "upstreams"

    upstream_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(48), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # [{"host": ..., "port": ..., "weight": ...}]
    endpoints: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    protocol: Mapped[int] = mapped_column(Integer)
    tls: Mapped[bool] = mapped_column(Boolean, default=False)
    connect_timeout_ms: Mapped[int] = mapped_column(Integer)
    request_timeout_ms: Mapped[int] = mapped_column(Integer)


class ApiServiceRow(Audited, Base):
    __tablename__ = "api_services"
    __table_args__ = (UniqueConstraint("code", "version"),)

    api_service_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    version: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[int] = mapped_column(Integer, index=True)
    method: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(256))
    upstream_id: Mapped[str] = mapped_column(ForeignKey("upstreams.upstream_id"), index=True)
    upstream_path: Mapped[str] = mapped_column(String(256), default="")
    owner: Mapped[str] = mapped_column(String(64), default="")
