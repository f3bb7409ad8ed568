"""Input validation of the learning app's forms: the public ones and the providers' and office's."""
