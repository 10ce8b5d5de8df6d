package pipelines

import (
	"fmt"
	"os"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// arrowTypes maps the DuckDB types of a Table to Arrow types.
var arrowTypes = map[string]arrow.DataType{
	"VARCHAR":   arrow.BinaryTypes.String,
	"BIGINT":    arrow.PrimitiveTypes.Int64,
	"DOUBLE":    arrow.PrimitiveTypes.Float64,
	"BOOLEAN":   arrow.FixedWidthTypes.Boolean,
	"TIMESTAMP": arrow.FixedWidthTypes.Timestamp_us,
}

// writeArrow writes t as an Arrow IPC file (the format pandas, R and
// Power BI read with pyarrow/arrow), as one record batch.
func writeArrow(path string, t Table) (err error) {
	fields := make([]arrow.Field, len(t.Cols))
	for i, c := range t.Cols {
		typ, ok := arrowTypes[t.Types[i]]
		if !ok {
			return fmt.Errorf("arrow: column %s: type %s", c, t.Types[i])
		}
		fields[i] = arrow.Field{Name: c, Type: typ, Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, row := range t.Rows {
		for i, v := range row {
			fb := b.Field(i)
			if v == nil {
				fb.AppendNull()
				continue
			}
			switch x := fb.(type) {
			case *array.StringBuilder:
				x.Append(v.(string))
			case *array.Int64Builder:
				x.Append(v.(int64))
			case *array.Float64Builder:
				x.Append(v.(float64))
			case *array.BooleanBuilder:
				x.Append(v.(bool))
			case *array.TimestampBuilder:
				x.Append(arrow.Timestamp(v.(time.Time).UnixMicro()))
			}
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("arrow: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("arrow: %w", cerr)
		}
	}()
	w, err := ipc.NewFileWriter(f, ipc.WithSchema(schema))
	if err != nil {
		return fmt.Errorf("arrow: %w", err)
	}
	if err := w.Write(rec); err != nil {
		return fmt.Errorf("arrow: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("arrow: %w", err)
	}
	return nil
}
