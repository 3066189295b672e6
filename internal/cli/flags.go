package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/storydiff/storydiff/report"
	"github.com/storydiff/storydiff/result"
	"github.com/storydiff/storydiff/shingle"
)

// An enum is a flag that takes one of a few named values. Its choices
// give the flag's help, parse it and check it, so that the three cannot
// disagree. It is a pflag.Value.
type enum[T comparable] struct {
	flag    string // the flag's name, for errors
	p       *T
	choices []choice[T]
}

// A choice is one value of an enum flag.
type choice[T comparable] struct {
	name  string
	note  string // said after the name in the help, in parentheses; may be ""
	value T
	alias bool // accepted, but neither listed nor printed
}

// named is the choice of v under the name fmt.Sprint gives it: its String
// method's, for a type with one, so that the type names its own values.
func named[T comparable](v T, note string) choice[T] {
	return choice[T]{name: fmt.Sprint(v), note: note, value: v}
}

// enumVar registers an enum flag with the current value of *p as default.
// usage holds a %s where the list of choices goes.
func enumVar[T comparable](fs *pflag.FlagSet, p *T, name, short, usage string, choices ...choice[T]) {
	e := &enum[T]{flag: name, p: p, choices: choices}
	fs.VarP(e, name, short, fmt.Sprintf(usage, e.list(true)))
}

func (e *enum[T]) String() string {
	for _, c := range e.choices {
		if c.value == *e.p && !c.alias {
			return c.name
		}
	}
	return ""
}

func (e *enum[T]) Set(s string) error {
	for _, c := range e.choices {
		if c.name == s {
			*e.p = c.value
			return nil
		}
	}
	return &enumError{flag: e.flag, value: s, want: e.list(false)}
}

// Type is "string", so that the help quotes the default as for a string.
func (e *enum[T]) Type() string { return "string" }

// list lists the choices as "a, b or c", with their notes when notes is set.
func (e *enum[T]) list(notes bool) string {
	var names []string
	for _, c := range e.choices {
		if c.alias {
			continue
		}
		if notes && c.note != "" {
			names = append(names, c.name+" ("+c.note+")")
		} else {
			names = append(names, c.name)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// An enumError is an enum flag given an unknown value.
type enumError struct{ flag, value, want string }

func (e *enumError) Error() string {
	return fmt.Sprintf("unknown --%s %q (want %s)", e.flag, e.value, e.want)
}

// format is the format of a report (--format).
type format string

const (
	formatMarkdown format = "markdown"
	formatTable    format = "table"
	formatHTML     format = "html"
	formatJSON     format = "json"
)

// A renderers table lists the formats a command writes its report in, the
// default first, and the function that writes each: --format offers these
// and no other.
type renderers[T any] []struct {
	format format
	write  func(io.Writer, T) error
}

// The renderers of each kind of report.
var (
	resultRenderers = resultRenderersWidth(report.DefaultWidth)
	evalRenderers   = renderers[*result.EvalReport]{
		{formatMarkdown, report.EvalMarkdown}, {formatTable, report.EvalTable}, {formatJSON, report.EvalJSON}}
	dedupRenderers = renderers[*result.DedupSummary]{
		{formatMarkdown, report.DedupMarkdown}, {formatTable, report.DedupTable}}
)

// resultRenderersWidth are the renderers of a comparison, with terminal
// tables that fit in width columns.
func resultRenderersWidth(width int) renderers[*result.Result] {
	return renderers[*result.Result]{
		{formatMarkdown, report.Markdown},
		{formatTable, func(w io.Writer, res *result.Result) error { return report.TableWidth(w, res, width) }},
		{formatHTML, report.HTML},
		{formatJSON, report.JSON},
	}
}

// formatVar registers --format with the formats of r.
func formatVar[T any](fs *pflag.FlagSet, p *format, r renderers[T]) {
	*p = r[0].format
	choices := make([]choice[format], len(r))
	for i, x := range r {
		choices[i] = named(x.format, "")
	}
	enumVar(fs, p, "format", "f", "report `format`: %s", choices...)
}

// write writes v in format f, one of r's.
func (r renderers[T]) write(f format, w io.Writer, v T) error {
	for _, x := range r {
		if x.format == f {
			return x.write(w, v)
		}
	}
	return fmt.Errorf("no %s report", f) // the flag admits none other: a bug
}

// shingleKindVar registers --shingle-kind; "character" is taken for char.
func shingleKindVar(fs *pflag.FlagSet, p *shingle.Kind, usage string) {
	enumVar(fs, p, "shingle-kind", "", usage,
		named(shingle.Word, ""), named(shingle.Char, ""),
		choice[shingle.Kind]{name: "character", value: shingle.Char, alias: true})
}

// shingleFlags names the flag of each field of shingle.Options.
var shingleFlags = map[string]string{"Kind": "--shingle-kind", "K": "--shingle", "Perms": "--perms"}

// checkShingle checks the shingle options the flags set, with the checks
// of shingle.Options.Check, and names the flag that is out of range.
func checkShingle(env *Env, o shingle.Options) bool {
	err := o.Check()
	if oe, ok := errors.AsType[*shingle.OptionError](err); ok {
		usageError(env, "%s must be %s", shingleFlags[oe.Option], oe.Want)
		return false
	}
	return err == nil
}
