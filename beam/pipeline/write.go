package pipeline

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/report"
	"github.com/storydiff/storydiff/result"
)

// groupRec is a group of dedup, by ordinals.
type groupRec struct {
	Members []uint64 // in input order
	Rep     uint64
	Sim     []float64 // of each member to Rep
}

// componentGroups forms the groups of one connected component of links
// with dedup's grouping: its articles are numbered in input order.
func componentGroups(links []link, keep dedup.Keep) []groupRec {
	var ords []uint64
	for _, l := range links {
		ords = append(ords, l.A, l.B)
	}
	slices.Sort(ords)
	ords = slices.Compact(ords)
	index := func(o uint64) int32 { i, _ := slices.BinarySearch(ords, o); return int32(i) }
	lengths := make([]uint32, len(ords))
	dl := make([]dedup.Link, len(links))
	for i, l := range links {
		a, b := index(l.A), index(l.B)
		lengths[a], lengths[b] = l.LenA, l.LenB
		dl[i] = dedup.Link{A: a, B: b, Sim: l.Sim}
	}
	slices.SortFunc(dl, func(x, y dedup.Link) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	gs, _ := dedup.Groups(lengths, dl, keep)
	out := make([]groupRec, len(gs))
	for i, g := range gs {
		r := groupRec{Rep: ords[g.Representative], Sim: g.Similarity}
		for _, m := range g.Members {
			r.Members = append(r.Members, ords[m])
		}
		out[i] = r
	}
	return out
}

// memberRef is a member of a group, under its ordinal.
type memberRef struct {
	Rep uint64
	Sim float64
}

// namedMember is a member of a group with its id, under the group's
// representative.
type namedMember struct {
	Ord uint64
	ID  string
	Sim float64
}

// namedGroup is a group as written, with the ordinal of its first member.
type namedGroup struct {
	First   uint64
	Members []string
	Rep     string
	Sim     []float64
}

func init() {
	for _, t := range []any{groupRec{}, memberRef{}, namedMember{}, namedGroup{}} {
		beam.RegisterType(reflect.TypeOf(t))
	}
	register.Function1x2(keyByFirst)
	register.Function4x0(keyByComponent)
	register.DoFn3x0[uint64, func(*link) bool, func(groupRec)](&componentFn{})
	register.Function2x0(memberRefs)
	register.Function5x0(nameMembers)
	register.Function3x0(nameGroup)
	register.DoFn3x1[context.Context, []byte, func(*namedGroup) bool, error](&writeGroupsFn{})
	register.DoFn3x1[context.Context, []byte, func(*named) bool, error](&writeKeptFn{})
	register.DoFn3x1[context.Context, []byte, func(*warning) bool, error](&writeWarningsFn{})
	register.Emitter1[groupRec]()
	register.Emitter2[uint64, link]()
	register.Emitter2[uint64, memberRef]()
	register.Emitter2[uint64, namedMember]()
	register.Emitter1[named]()
	register.Emitter1[namedGroup]()
	register.Iter1[link]()
	register.Iter1[string]()
	register.Iter1[memberRef]()
	register.Iter1[namedMember]()
	register.Iter1[namedGroup]()
	register.Iter1[named]()
	register.Iter1[warning]()
}

// group forms the groups of every component of links (labels: the
// component of every vertex).
func group(s beam.Scope, cfg *Config, links, labels beam.PCollection) beam.PCollection {
	byFirst := beam.ParDo(s, keyByFirst, links)
	byComp := beam.ParDo(s, keyByComponent, beam.CoGroupByKey(s, labels, byFirst))
	return beam.ParDo(s, &componentFn{Keep: cfg.Keep}, beam.GroupByKey(s, byComp))
}

func keyByFirst(l link) (uint64, link) { return l.A, l }

func keyByComponent(a uint64, label func(*uint64) bool, links func(*link) bool, emit func(uint64, link)) {
	var c uint64
	if !label(&c) {
		panic("pipeline: an article of a link without a component")
	}
	var l link
	for links(&l) {
		emit(c, l)
	}
}

// componentFn groups the links of one component.
type componentFn struct {
	Keep dedup.Keep
}

func (f *componentFn) ProcessElement(_ uint64, iter func(*link) bool, emit func(groupRec)) {
	links := collect(iter, func(l *link) uint64 { return l.A })
	for _, g := range componentGroups(links, f.Keep) {
		emit(g)
	}
}

// write names the groups and the kept articles by their ids and writes
// the outputs.
func write(s beam.Scope, cfg *Config, ids, groups, warns beam.PCollection) {
	refs := beam.ParDo(s, memberRefs, groups)
	members, kept := beam.ParDo2(s, nameMembers, beam.CoGroupByKey(s, ids, refs))
	named := beam.ParDo(s, nameGroup, beam.GroupByKey(s, members))
	imp := beam.Impulse(s)
	beam.ParDo0(s, &writeGroupsFn{Path: cfg.path(GroupsFile)}, imp, beam.SideInput{Input: named})
	beam.ParDo0(s, &writeKeptFn{Path: cfg.path(KeptFile)}, imp, beam.SideInput{Input: kept})
	beam.ParDo0(s, &writeWarningsFn{Path: cfg.path(WarningsFile)}, imp, beam.SideInput{Input: warns})
}

func memberRefs(g groupRec, emit func(uint64, memberRef)) {
	for i, m := range g.Members {
		emit(m, memberRef{Rep: g.Rep, Sim: g.Sim[i]})
	}
}

// nameMembers gives each article its id: a group member goes to its
// representative, and an article in no group or representing one is
// kept.
func nameMembers(ord uint64, ids func(*string) bool, refs func(*memberRef) bool, emitMember func(uint64, namedMember), emitKept func(named)) {
	var id string
	if !ids(&id) {
		panic("pipeline: a group member without an id")
	}
	var r memberRef
	if !refs(&r) {
		emitKept(named{ord, id})
		return
	}
	emitMember(r.Rep, namedMember{Ord: ord, ID: id, Sim: r.Sim})
	if r.Rep == ord {
		emitKept(named{ord, id})
	}
}

func nameGroup(rep uint64, iter func(*namedMember) bool, emit func(namedGroup)) {
	ms := collect(iter, func(m *namedMember) uint64 { return m.Ord })
	g := namedGroup{First: ms[0].Ord}
	for _, m := range ms {
		g.Members = append(g.Members, m.ID)
		g.Sim = append(g.Sim, m.Sim)
		if m.Ord == rep {
			g.Rep = m.ID
		}
	}
	emit(g)
}

// writeFile writes one output file with fill.
func writeFile(ctx context.Context, path string, fill func(w io.Writer) error) error {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return err
	}
	if err := fill(w); err != nil {
		w.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// collect reads the values of iter, ordered by key (stably).
func collect[T any](iter func(*T) bool, key func(*T) uint64) []T {
	var out []T
	for {
		var v T // a new value each time: decoding may reuse its slices
		if !iter(&v) {
			break
		}
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(x, y T) int { return cmp.Compare(key(&x), key(&y)) })
	return out
}

// writeLines writes one line for each item.
func writeLines[T any](ctx context.Context, path string, items []T, line func(*T) string) error {
	return writeFile(ctx, path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 256<<10)
		for i := range items {
			bw.WriteString(line(&items[i]))
			bw.WriteByte('\n')
		}
		return bw.Flush()
	})
}

// writeGroupsFn writes the groups as dedup does: ordered by first member.
type writeGroupsFn struct{ Path string }

func (f *writeGroupsFn) ProcessElement(ctx context.Context, _ []byte, iter func(*namedGroup) bool) error {
	gs := collect(iter, func(g *namedGroup) uint64 { return g.First })
	out := &result.DedupGroups{Groups: make([]result.DedupGroup, len(gs))}
	for i, g := range gs {
		out.Groups[i] = result.DedupGroup{Members: g.Members, Representative: g.Rep, Similarity: g.Sim}
	}
	return writeFile(ctx, f.Path, func(w io.Writer) error { return report.DedupGroups(w, out) })
}

// writeKeptFn writes the kept ids in input order, one a line.
type writeKeptFn struct{ Path string }

func (f *writeKeptFn) ProcessElement(ctx context.Context, _ []byte, iter func(*named) bool) error {
	kept := collect(iter, func(k *named) uint64 { return k.Ord })
	return writeLines(ctx, f.Path, kept, func(k *named) string { return k.ID })
}

// writeWarningsFn writes the warnings in input order, one a line, as
// dedup prints them.
type writeWarningsFn struct{ Path string }

func (f *writeWarningsFn) ProcessElement(ctx context.Context, _ []byte, iter func(*warning) bool) error {
	ws := collect(iter, func(w *warning) uint64 { return w.Ord })
	return writeLines(ctx, f.Path, ws, func(w *warning) string { return "warning: " + w.Msg })
}
