"""The partners' API, v1: `/api/v1/centres/<slug>/<resource>/`, for a person's systems with a personal token.

The framework every endpoint shares: authentication (`auth`), the read/write scope (`permissions`), the centre and
its access rules (`centres`), paging (`pagination`), date and status filters (`filters`), RFC 9457 errors
(`errors`), idempotent creates (`idempotency`) and the schema's pieces (`schema`). See docs/api.md.
"""
