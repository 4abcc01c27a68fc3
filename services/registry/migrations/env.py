import services.registry.developer_models  # noqa: F401 - its tables are on the same metadata
from services.registry.models import Base
from services.runtime.alembic_env import run_migrations

run_migrations(Base.metadata)
