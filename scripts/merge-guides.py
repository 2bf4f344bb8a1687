import re
readme=open('README.md').read()
marker='\n<!-- guides: merged from docs/*.md -->\n'
readme=readme.split(marker)[0]
parts=[]
for f in ['docs/who-sees-what.md','docs/live-line-status.md','docs/planning.md','docs/ai-transition.md']:
    s=open(f).read().strip()
    lines=s.split('\n')
    # normalise: top heading becomes '##', deeper headings shift accordingly (outside code fences)
    fence=False; levels=[]
    for l in lines:
        if l.startswith('```'): fence=not fence
        m=re.match(r'^(#+) ',l)
        if m and not fence: levels.append(len(m.group(1)))
    top=min(levels)
    out=[];fence=False
    for l in lines:
        if l.startswith('```'): fence=not fence
        m=re.match(r'^(#+) (.*)',l)
        if m and not fence:
            l='#'*(len(m.group(1))-top+2)+' '+m.group(2)
        out.append(l)
    parts.append('\n'.join(out))
open('README.md','w').write(readme+marker+'\n'+'\n\n'.join(parts)+'\n')
