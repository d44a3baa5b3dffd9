"""The context the directory's pages render in: Jinja's, calling the template helpers that
read only what the whole page knows (its language, the settings, the directory) with the
page's context as it is (repertoire.catalogs.page_helper); and their templates' code, which
escapes what it outputs at less cost."""

from __future__ import annotations

from types import BuiltinFunctionType, FunctionType, MethodType

from jinja2 import Template, pass_context, pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, Macro
from markupsafe import Markup, _escape_inner, escape

_PASSED_CONTEXT = pass_context(lambda context: None).jinja_pass_arg  # how Jinja marks pass_context


# How a function is called from a page (PageContext.call), found once per function.
_PLAIN, _HELPER, _JINJA = "plain", "helper", "jinja"
_HOW: dict = {}


def _how(function) -> str:
    """A function's way of being called: as it is, with the page's context (a page helper),
    or by Jinja's own Context.call (any other pass_context, pass_environment...)."""
    mark = getattr(function, "jinja_pass_arg", None)
    if mark is None:
        return _PLAIN
    return _HELPER if mark is _PASSED_CONTEXT and getattr(function, "page_helper", False) else _JINJA


class PageContext(Context):
    """Jinja calls a pass_context helper with a copy of the context that adds the variables of
    the loops and blocks around the call: every variable of the page copied, some forty times
    an organization page, for helpers that ask the page's language. A page helper gets the
    page's context itself, and what asks for no context at all is called at once: a plain
    function or method, a macro, a built-in method (`d.get(...)`, `s.startswith(...)`). Jinja
    looked each of them over for a context to pass, some 110 calls a page (a bound method, as
    `directory.stale(org)` or the fragments' own, went through all of Jinja's checks); here a
    function's way is found once."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        kind = type(__obj)
        if kind is FunctionType or kind is MethodType:
            function = __obj if kind is FunctionType else __obj.__func__
            how = _HOW.get(function)
            if how is None:
                if len(_HOW) >= 4096:  # functions made on the fly (a test's): never many kept
                    _HOW.clear()
                how = _HOW[function] = _how(function)
            if how is _HELPER and kind is FunctionType:
                args = (__self, *args)
            elif how is not _PLAIN:
                return super().call(__obj, *args, **kwargs)
        elif kind is not PageMacro and kind is not Macro and kind is not BuiltinFunctionType:
            return super().call(__obj, *args, **kwargs)  # neither can carry a mark
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja says it
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )

    def get(self, key, default=None):
        """Context.get, without its three calls: page_lang asks it some sixty times a page."""
        variables = self.vars
        if key in variables:
            return variables[key]
        return self.parent.get(key, default)


class PageMacro(Macro):
    """A macro called with all its arguments by position, and nothing else (no caller, no
    keywords), called at once: Jinja's Macro.__call__ sorts out arguments, keywords and a caller
    in Python, then makes the output Markup through Markup's checks, twenty times a page."""

    @pass_eval_context
    def __call__(self, *args, **kwargs):
        if (
            kwargs
            or len(args) != self._argument_count
            or self.caller
            or self.catch_kwargs
            or self.catch_varargs
            or (args and type(args[0]) is EvalContext)
            or self._environment.is_async
        ):
            return super().__call__(*args, **kwargs)
        made = self._func(*args)
        return page_markup(made) if self._default_autoescape else made


_new_text = str.__new__


def page_escape(value) -> Markup:
    """markupsafe.escape, the same Markup out, without its Python-level steps where the value
    is a plain or safe text: an organization page outputs some 150 values, and escape() spent
    more on making the Markup (0.8 us) than on escaping. Safe text is returned as it is (its
    __html__ is itself), a plain one escaped in C and made Markup without Markup.__new__'s
    checks (it has no __html__ to call)."""
    kind = type(value)
    if kind is Markup:
        return value
    if kind is str:
        return _new_text(Markup, _escape_inner(value))
    return escape(value)


def page_markup(text="") -> Markup:
    """Markup(text), without Markup.__new__'s checks for a plain text: what a macro, a block
    or a `set` block returns (its output joined), dozens of times a page."""
    return _new_text(Markup, text) if type(text) is str else Markup(text)


class PageTemplate(Template):
    """A template whose compiled code escapes what it outputs with page_escape and marks what
    it made safe with page_markup: Jinja's code calls the `escape` and `Markup` of its module
    (and only calls them), set here once the code has run.

    Its globals are a plain dict, not Jinja's ChainMap over the environment's: every context
    of a page (the page's, each import and include) copied them key by key in Python, some
    eight times a page. The environment's globals are all set when its generator starts, before
    any page renders."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        namespace["escape"] = page_escape
        namespace["Markup"] = page_markup
        namespace["Macro"] = PageMacro
        return super()._from_namespace(environment, namespace, dict(globals))

    def render(self, *args, **kwargs) -> str:
        """Template.render, the page's variables copied once: Jinja copies them, then again
        with the globals (three hundred names a page: Pelican's settings and context)."""
        if self.environment.is_async:  # never so here: Jinja's own way
            return super().render(*args, **kwargs)
        variables = dict(self.globals)
        variables.update(*args, **kwargs)
        context = self.new_context(variables, shared=True)
        try:
            return self.environment.concat(self.root_render_func(context))
        except Exception:
            self.environment.handle_exception()
