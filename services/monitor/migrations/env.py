from services.monitor.models import Base
from services.runtime.alembic_env import run_migrations

run_migrations(Base.metadata)
