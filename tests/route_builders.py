"""A speed-up for the test process only: the suite builds an app per test (about 3,000), and
Werkzeug compiles each route's URL builder afresh for each app (two small Python functions per
route, generated with ast and compile()): over 80 % of the time it takes to build an app. The
generated function depends only on the rule's parts, so it is made once per process and reused;
what it does is exactly what Werkzeug made. The app itself never does this: it builds its routes
once."""
import inspect

from werkzeug.routing.rules import Rule

_BUILDERS = {}


def reuse_compiled_route_builders():
    """Make Werkzeug's Rule._compile_builder remember its functions by the rule's parts (a no-op
    when a Werkzeug version no longer has that method in this form)."""
    original = getattr(Rule, "_compile_builder", None)
    if original is None or getattr(original, "reused", False):
        return
    if list(inspect.signature(original).parameters) != ["self", "append_unknown"]:
        return

    def compile_builder(self, append_unknown=True):
        key = (self.rule, tuple(self._trace), repr(sorted((self.defaults or {}).items())),
               append_unknown)
        builder = _BUILDERS.get(key)
        if builder is None:
            builder = _BUILDERS[key] = original(self, append_unknown)
        return builder

    compile_builder.reused = True
    Rule._compile_builder = compile_builder
