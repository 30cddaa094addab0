import not_a_real_package_for_actorstance  # noqa: F401
