"""Team mode: the library on a shared PostgreSQL archive (`Library.connect(url)`).

`pg` is the only module that imports psycopg; `admin` sets an archive up
(schema migrations, roles), `store` and `quotes` are the library's store and
quote book over it, `search` runs the query language in PostgreSQL.
"""
