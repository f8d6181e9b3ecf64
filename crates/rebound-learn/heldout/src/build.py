import json, random
B={"O":"ops-terse","R":"rambling","M":"third-person-manager","N":"non-native","E":"exec","T":"trades-public","C":"chat"}
TR={"J":"judgment","X":"expertise","G":"ego","C":"confidence"}
FT={"I":"information","A":"attention","S":"skill","C":"courage"}
VD={"K":"careful","U":"cautious","V":"vague"}
rng=random.Random(20261206)
d=[l.split(" ",3) for l in open("d.txt").read().split("\n") if l.strip()]
rng.shuffle(d)
with open("../diagnose.jsonl","w") as f:
    for i,(b,t,ft,txt) in enumerate(d,1):
        f.write(json.dumps({"id":f"h-d{i:03d}","batch":B[b],"text":txt.strip(),"trap":TR[t],"failure_type":FT[ft]},ensure_ascii=False)+"\n")
l=[x.split(" ",2) for x in open("l.txt").read().split("\n") if x.strip()]
rng.shuffle(l)
with open("../lessons.jsonl","w") as f:
    for i,(b,v,txt) in enumerate(l,1):
        f.write(json.dumps({"id":f"h-l{i:03d}","batch":B[b],"text":txt.strip(),"verdict":VD[v]},ensure_ascii=False)+"\n")
