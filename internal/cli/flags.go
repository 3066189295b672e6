package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

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

// named is the choice of v under the name v.String(): the type's own name
// for each of its values.
func named[T interface {
	comparable
	fmt.Stringer
}](v T, note string) choice[T] {
	return choice[T]{name: v.String(), note: note, value: v}
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
	formatJSON     format = "json"
)

func (f format) String() string { return string(f) }

// formatVar registers --format with the formats a command writes, the
// first the default.
func formatVar(fs *pflag.FlagSet, p *format, formats ...format) {
	*p = formats[0]
	choices := make([]choice[format], len(formats))
	for i, f := range formats {
		choices[i] = named(f, "")
	}
	enumVar(fs, p, "format", "f", "report `format`: %s", choices...)
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

// shingleArgs writes shingle options as the flags that select them.
func shingleArgs(o shingle.Options) string {
	return fmt.Sprintf("--shingle-kind %s --shingle %d --perms %d --seed %d", o.Kind, o.K, o.Perms, o.Seed)
}
