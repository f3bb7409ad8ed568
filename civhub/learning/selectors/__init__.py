"""Read queries of the learning app: the public catalogue, the providers' pages and the demand signal."""
